import { queueGrade, type GradeToQueue } from "../commands/queueGrade";
import { LmsMark } from "../models/lmsMark";
import type { TModule } from "../programme/schema";

/** Whose work, where. */
interface MentorScope {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}

/** A module's gradebook column (the same one lineItemSpecs asks the LMS for). */
export function moduleLineItem(module: TModule): GradeToQueue["lineItem"] {
  return {
    resourceId: `module:${module.code}`,
    label: `Module ${module.number}: ${module.title}`,
    scoreMaximum: module.marking.scheme === "score" ? module.marking.maximum : 1,
  };
}

/**
 * Tells the LMS a mentor has submitted (or resubmitted) module work: Submitted/PendingManual
 * with no score and the submission time, through the gradebook outbox, so the LMS lists it as
 * needing marking. One per attempt however often it is queued; a mark made later supersedes it
 * in the outbox (coalescing per cell keeps the newest), and it never overtakes a mark the LMS
 * already has (the worker supersedes an older pending record).
 */
export async function queueSubmission(
  props: MentorScope & { recordId: string; submissionId: string; module: TModule; attempt: number; submittedAt: Date },
): Promise<void> {
  const { recordId, submissionId, module, attempt, submittedAt, ...scope } = props;
  if (!module.gradebook) return;
  await queueGrade({
    dedupeKey: `module-submission:${recordId}:${attempt}`,
    ...scope,
    // What the record reports is the submission (marks and returns name the module record).
    source: { kind: "module", id: submissionId },
    lineItem: moduleLineItem(module),
    scoreGiven: null,
    comment: null,
    progress: { activity: "Submitted", grading: "PendingManual" },
    submittedAt,
    gradedBy: scope.mentorUserId,
    gradedAt: submittedAt,
  });
}

/** A tutor's decision on one attempt, as marking saved it. */
interface Decision {
  kind: "mark" | "return";
  attempt: number;
  score: number | null;
  scoreMaximum: number | null;
  passed: boolean;
  feedback: string;
  markedBy: string;
}

/**
 * What a tutor's decision sends to the gradebook, without the dedupe key (the caller's): a mark
 * is its score; work returned for more work, or marked "resubmit", is InProgress/Pending with the
 * feedback and no score, so the LMS does not show it as a fail of 0. A mark adopted from the LMS
 * (see lmsMarks.ts) is recorded as already there, so it is never sent back.
 */
export async function gradeForDecision(
  record: MentorScope & { _id: { toString(): string } },
  module: TModule,
  mark: Decision,
): Promise<Omit<GradeToQueue, "dedupeKey"> | null> {
  if (!module.gradebook) return null;
  const recordId = record._id.toString();
  const base = {
    tenantId: record.tenantId,
    contextId: record.contextId,
    mentorUserId: record.mentorUserId,
    source: { kind: "module" as const, id: recordId },
    lineItem: moduleLineItem(module),
    comment: mark.feedback,
    gradedBy: mark.markedBy,
  };
  const isResubmit = mark.kind === "return" || (module.marking.scheme === "pass_resubmit" && !mark.passed);
  if (isResubmit) return { ...base, scoreGiven: null, progress: { activity: "InProgress", grading: "Pending" } };
  if (mark.score === null || mark.scoreMaximum === null) return null;
  const adopted = await LmsMark.exists({
    "adopted.recordId": recordId,
    "adopted.attempt": mark.attempt,
    "adopted.score": mark.score,
    kind: "proposal",
    status: "adopted",
  });
  return {
    ...base,
    lineItem: { ...base.lineItem, scoreMaximum: mark.scoreMaximum },
    scoreGiven: mark.score,
    isAlreadyInLms: !!adopted,
  };
}
