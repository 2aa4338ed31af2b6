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
  /** Null only for a progress report (see `progress`). */
  scoreGiven: number | null;
  comment: string | null;
  /** Default Completed/FullyGraded (a mark); a submission or a return for resubmission says so here. */
  progress?: {
    activity: "Completed" | "Submitted" | "InProgress";
    grading: "FullyGraded" | "PendingManual" | "Pending";
  };
  submittedAt?: Date | null;
  /** The LMS already shows this mark (adopted from it): recorded as delivered, never sent back. */
  isAlreadyInLms?: boolean;
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
    const { isAlreadyInLms, ...fields } = grade;
    const doc = await GradeRecord.create({
      ...fields,
      gradedAt: grade.gradedAt ?? new Date(),
      ...(isAlreadyInLms ? { delivery: { status: "delivered", deliveredAt: new Date(), nextAttemptAt: null } } : {}),
    });
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
