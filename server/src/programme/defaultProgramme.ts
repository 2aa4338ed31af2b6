import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../projectRoot";
import { parseProgramme, type TProgramme } from "./schema";

/** Where the shipped programme lives; a provider's own files sit beside it. */
export const programmesDir = path.join(projectRoot, "lti-config", "programmes");

let cached: TProgramme | undefined;

/** The default programme shipped with the tool (built from the seed pages; see DOMAIN.md). */
export function defaultProgramme(): TProgramme {
  cached ??= parseProgramme(
    JSON.parse(fs.readFileSync(path.join(programmesDir, "default.json"), "utf8")),
    "lti-config/programmes/default.json",
  );
  return cached;
}
