import mongoose from "mongoose";
import { conflict, isDuplicateKeyError } from "../errors";
import { CourseProgramme } from "../models/courseProgramme";
import { defaultProgramme } from "../programme/defaultProgramme";
import { programmeVersionById, SHIPPED, storeProgrammeVersion, type LoadedProgramme } from "../programme/programmeVersions";
import type { TProgramme } from "../programme/schema";

/**
 * The programme version in force for a course: the one a provider last loaded for that LMS
 * context, else the programme shipped with the tool. Other features store `versionId` on what
 * they record, so later programme changes never rewrite old records.
 */
export async function programmeForCourse(
  tenantId: string,
  contextId: string,
): Promise<{ versionId: string; code: string; version: number; definition: TProgramme }> {
  const current = await CourseProgramme.findOne({ tenantId, contextId }, { versionId: 1 }).sort({ seq: -1 }).lean();
  if (current) return programmeVersionById(current.versionId);
  return shippedProgramme();
}

// Storing the shipped programme hashes and writes it; once per database per process is enough.
const shippedByDatabase = new Map<string, Promise<LoadedProgramme>>();
function shippedProgramme(): Promise<LoadedProgramme> {
  const key = mongoose.connection.name;
  let stored = shippedByDatabase.get(key);
  if (!stored) {
    stored = storeProgrammeVersion(SHIPPED, defaultProgramme(), null);
    stored.catch(() => shippedByDatabase.delete(key));
    shippedByDatabase.set(key, stored);
  }
  return stored;
}

/**
 * Makes `versionId` the course's programme. Each assignment takes the next sequence number;
 * the unique index settles races (the loser retries on the next number, so both are kept in
 * order and the later one is in force).
 */
export async function assignProgramme(props: { tenantId: string; contextId: string; programme: LoadedProgramme; assignedBy: string }): Promise<void> {
  const { tenantId, contextId, programme, assignedBy } = props;
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await CourseProgramme.findOne({ tenantId, contextId }, { seq: 1 }).sort({ seq: -1 }).lean();
    try {
      await CourseProgramme.create({ tenantId, contextId, seq: (latest?.seq ?? 0) + 1, versionId: programme.versionId, assignedBy });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  // Contention, not a fault: the person's request may simply be tried again.
  throw conflict("The course's programme was being changed by someone else at the same moment, so yours was not put in force. Please reload and try again.");
}

/** The course's assignments, newest first (the first is in force). */
export async function programmeHistory(tenantId: string, contextId: string) {
  return CourseProgramme.find({ tenantId, contextId }).sort({ seq: -1 }).lean();
}
