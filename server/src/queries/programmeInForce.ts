import { completedModuleCodes } from "./moduleProgress";
import { programmeForCourse } from "./programmeForCourse";
import type { TProgramme } from "../programme/schema";

/** The programme a course runs under, as credentials and credits need it. */
export interface ProgrammeInForce {
  versionId: string;
  code: string;
  version: number;
  definition: TProgramme;
}

/** The programme version in force for a course (what certificates and credit awards record). */
export function programmeInForce(tenantId: string, contextId: string): Promise<ProgrammeInForce> {
  return programmeForCourse(tenantId, contextId);
}

/** Module codes the mentor has completed (marked as passed) in the course. */
export async function completedModules(tenantId: string, contextId: string, mentorUserId: string): Promise<string[]> {
  return [...(await completedModuleCodes(tenantId, contextId, mentorUserId))];
}
