import { conflict, isDuplicateKeyError } from "../errors";
import { ModuleRecord } from "../models/moduleRecord";
import { ModuleSubmission, type ModuleSubmissionDoc } from "../models/moduleSubmission";
import { queueSubmission } from "../gradebook/moduleGrades";
import { submitBlockers, type MentorScope } from "../programme/moduleWork";
import { editableRecord } from "./editableRecord";
import { programmeVersionById } from "../queries/programmeVersionById";
import { markCourseChanged } from "./courseChanged";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/**
 * Submits a mentor's module work to their tutor. The ModuleSubmission insert, unique per record
 * and attempt, is the one write that submits: it freezes the work for marking, so of two
 * submissions at once exactly one lands (the other gets 409), and it is the outbox of what
 * follows (the record moved to "submitted", the LMS told the work needs marking). The follow-ups
 * run here straight after; if the server stops first, `sweepSubmissionFollowUps` finishes them.
 */
export async function submitModuleWork(props: MentorScope & { moduleCode: string }): Promise<{ attempt: number }> {
  const { moduleCode, ...scope } = props;
  const { pathway, record, module } = await editableRecord({ scope, moduleCode });
  const done = pathway.completions.get(moduleCode) ?? new Set<string>();
  const blockers = submitBlockers(module, done, record.reflection);
  if (blockers.length > 0) throw conflict(`This module is not ready to submit. ${blockers.join(" ")}`, { blockers });

  const attempt = record.attempt + 1;
  let submission: ModuleSubmissionDoc;
  try {
    const created = await ModuleSubmission.create({
      ...scope,
      recordId: record._id.toString(),
      moduleCode,
      attempt,
      versionId: record.versionId,
      reflection: record.reflection,
      completedActivities: [...done],
      submittedAt: new Date(),
    });
    submission = created.toObject() as ModuleSubmissionDoc;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict("This module's work has already been submitted.");
    throw err;
  }
  await applySubmissionFollowUps(submission);
  return { attempt };
}

/**
 * What a saved submission sets off, each step idempotent so the request and a sweep may both run
 * it: the record moves to "submitted" at this attempt (a conditional update on the attempt before
 * it, so a record already moved on is left alone; a mark a crash left pending on that attempt is
 * history by then, as when the mentor resubmits before the mark's sweep), the LMS is told the work needs marking (once:
 * the grade's dedupe key) while the record still waits at this attempt, then the follow-ups are
 * recorded done.
 */
async function applySubmissionFollowUps(submission: ModuleSubmissionDoc): Promise<void> {
  const scope = {
    tenantId: submission.tenantId,
    contextId: submission.contextId,
    mentorUserId: submission.mentorUserId,
  };
  const { recordId, attempt, submittedAt } = submission;
  const moved = await ModuleRecord.updateOne(
    { _id: recordId, attempt: attempt - 1 },
    { $set: { status: "submitted", attempt, submittedAt } },
  );
  if (moved.modifiedCount > 0) await refreshMentorFigures({ course: scope, mentorUserId: scope.mentorUserId });
  const record = await ModuleRecord.findById(recordId).lean();
  if (record && record.status === "submitted" && record.attempt === attempt) {
    const module = (await programmeVersionById(record.versionId)).definition.modules.find(
      (m) => m.code === record.moduleCode,
    );
    // The LMS lists the work as needing marking (Submitted/PendingManual), through the outbox.
    if (module)
      await queueSubmission({
        ...scope,
        recordId,
        submissionId: submission._id.toString(),
        module,
        attempt,
        submittedAt,
      });
  }
  await ModuleSubmission.updateOne({ _id: submission._id }, { $set: { followUpsDoneAt: new Date() } });
}

/**
 * Finishes the follow-ups of submissions whose server stopped before they completed (run by the
 * mark-follow-ups job and at start-up). Submissions younger than `graceMs` are left to their own
 * request. Returns how many it looked at.
 */
export async function sweepSubmissionFollowUps(graceMs = 60_000): Promise<number> {
  const pending = await ModuleSubmission.find({
    followUpsDoneAt: null,
    createdAt: { $lt: new Date(Date.now() - graceMs) },
  })
    .limit(100)
    .lean<ModuleSubmissionDoc[]>();
  for (const submission of pending) {
    await applySubmissionFollowUps(submission);
    await markCourseChanged({ course: { tenantId: submission.tenantId, contextId: submission.contextId } });
  }
  return pending.length;
}
