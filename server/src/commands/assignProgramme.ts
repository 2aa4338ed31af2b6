import { conflict, isDuplicateKeyError } from "../errors";
import { CourseProgramme } from "../models/courseProgramme";
import type { LoadedProgramme } from "../programme/programmeVersions";

/**
 * Makes `versionId` the course's programme. Each assignment takes the next sequence number;
 * the unique index settles races (the loser retries on the next number, so both are kept in
 * order and the later one is in force).
 */
export async function assignProgramme(props: {
  tenantId: string;
  contextId: string;
  programme: LoadedProgramme;
  assignedBy: string;
}): Promise<void> {
  const { tenantId, contextId, programme, assignedBy } = props;
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await CourseProgramme.findOne({ tenantId, contextId }, { seq: 1 }).sort({ seq: -1 }).lean();
    try {
      await CourseProgramme.create({
        tenantId,
        contextId,
        seq: (latest?.seq ?? 0) + 1,
        versionId: programme.versionId,
        assignedBy,
      });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  // Contention, not a fault: the person's request may simply be tried again.
  throw conflict(
    "The course's programme was being changed by someone else at the same moment, so yours was not put in force. Please reload and try again.",
  );
}
