import { CourseProgramme } from "../models/courseProgramme";
import { defaultProgramme } from "../programme/defaultProgramme";
import { SHIPPED, versionIdentity, type LoadedProgramme } from "../programme/programmeVersions";
import type { TProgramme } from "../programme/schema";
import { completedModuleCodes } from "./moduleProgress";
import { parsedProgrammeVersions, programmeVersionById } from "./programmeVersionById";

/** The programme a course runs under (what certificates, credits and every record store as `versionId`). */
export interface ProgrammeInForce {
  versionId: string;
  code: string;
  version: number;
  definition: TProgramme;
}

/**
 * The programme version in force for a course: the one a provider last loaded for that LMS
 * context, else the programme shipped with the tool. Other features store `versionId` on what
 * they record, so later programme changes never rewrite old records.
 */
export async function programmeInForce(tenantId: string, contextId: string): Promise<ProgrammeInForce> {
  const current = await CourseProgramme.findOne({ tenantId, contextId }, { versionId: 1 }).sort({ seq: -1 }).lean();
  if (current) return programmeVersionById(current.versionId);
  return shippedProgramme();
}

// The shipped programme as a version: named from its content (the tool stores it at start-up, so
// records that point at its versionId resolve in the database too); reads never store it.
let shipped: LoadedProgramme | undefined;
function shippedProgramme(): LoadedProgramme {
  if (!shipped) {
    const definition = defaultProgramme();
    shipped = {
      versionId: versionIdentity(SHIPPED, definition).versionId,
      code: definition.code,
      version: definition.version,
      definition,
    };
    parsedProgrammeVersions.set(shipped.versionId, shipped);
  }
  return shipped;
}

/** The course's assignments, newest first (the first is in force). */
export async function programmeHistory(tenantId: string, contextId: string) {
  return CourseProgramme.find({ tenantId, contextId }).sort({ seq: -1 }).lean();
}

/** Module codes the mentor has completed (marked as passed) in the course. */
export async function completedModules(tenantId: string, contextId: string, mentorUserId: string): Promise<string[]> {
  return [...(await completedModuleCodes(tenantId, contextId, mentorUserId))];
}
