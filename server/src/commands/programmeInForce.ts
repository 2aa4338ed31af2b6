import { defaultProgramme } from "../programme/defaultProgramme";
import type { TProgramme } from "../programme/schema";

/** The programme a course runs under, as credentials and credits need it. */
export interface ProgrammeInForce {
  versionId: string;
  code: string;
  version: number;
  definition: TProgramme;
}

/**
 * The programme in force for a course. Until per-course programme versions exist
 * (programme/programmeForCourse.ts), every course runs the shipped default.
 */
export async function programmeInForce(_tenantId: string, _contextId: string): Promise<ProgrammeInForce> {
  const definition = defaultProgramme();
  return { versionId: `${definition.code}@${definition.version}`, code: definition.code, version: definition.version, definition };
}

/**
 * Module codes the mentor has completed (passed). Until module progress exists
 * (programme/moduleProgress.ts) nobody has completed anything, so no credit is awarded.
 */
export async function completedModules(_tenantId: string, _contextId: string, _mentorUserId: string): Promise<string[]> {
  return [];
}
