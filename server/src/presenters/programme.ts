import type { TProgrammeResponse } from "../contracts/programme";
import type { CourseProgrammeDoc } from "../models/courseProgramme";
import type { LoadedProgramme } from "../programme/programmeVersions";

/** The programme in force, and (for leads) the course's assignment history. */
export function presentProgramme(programme: LoadedProgramme, history: CourseProgrammeDoc[]): TProgrammeResponse {
  return {
    versionId: programme.versionId,
    code: programme.code,
    version: programme.version,
    definition: programme.definition,
    history: history.map((h) => ({
      versionId: h.versionId,
      assignedBy: h.assignedBy,
      assignedAt: (h as { createdAt?: Date }).createdAt?.toISOString() ?? "",
    })),
  };
}
