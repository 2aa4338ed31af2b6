import { GradeRecord } from "../models/gradeRecord";
import { isDuplicateKeyError } from "../errors";
import { runSoon } from "../jobs/jobRunner";
import { jobNames } from "../jobs/jobNames";

/** What a mark sends to the LMS gradebook. */
export interface GradeToQueue {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  source: { kind: "module" | "portfolio" | "credit"; id: string };
  lineItem: { resourceId: string; label: string; scoreMaximum: number };
  scoreGiven: number;
  comment: string | null;
  gradedBy: string;
  gradedAt?: Date;
  /** The event this grade comes from; queueing the same key again returns the first record. */
  dedupeKey?: string;
}

/**
 * Records a grade and queues it for delivery to the LMS in one insert (the outbox). The
 * gradebook worker delivers it; callers never talk to the LMS themselves.
 */
export async function queueGrade(grade: GradeToQueue): Promise<string> {
  try {
    const doc = await GradeRecord.create({ ...grade, gradedAt: grade.gradedAt ?? new Date() });
    // Sent at once rather than at the passback job's next poll.
    void runSoon(jobNames.gradePassback);
    return doc._id.toString();
  } catch (err) {
    if (!grade.dedupeKey || !isDuplicateKeyError(err)) throw err;
    const existing = await GradeRecord.findOne({ dedupeKey: grade.dedupeKey }, { _id: 1 }).lean();
    if (!existing) throw err;
    return existing._id.toString();
  }
}
