import type { TProgramme } from "./schema";

/** A stored programme version, parsed. */
export interface LoadedProgramme {
  versionId: string;
  code: string;
  version: number;
  definition: TProgramme;
}

/** The owner of the programme shipped with the tool. */
export const SHIPPED = "*";
