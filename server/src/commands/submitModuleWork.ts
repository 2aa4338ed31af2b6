import { conflict } from "../errors";
import { updateAtVersion } from "../db/exclusive";
import { ModuleRecord } from "../models/moduleRecord";
import { ModuleSubmission } from "../models/moduleSubmission";
import { queueSubmission } from "../gradebook/moduleGrades";
import { editableRecord, submitBlockers, type MentorScope } from "../programme/moduleWork";

/**
 * Submits a mentor's module work to their tutor. The record moves to "submitted" through
 * updateAtVersion, so of two submissions at once exactly one wins (the other gets 409) and
 * the attempt number cannot be taken twice; then the submitted work is frozen for marking.
 */
export async function submitModuleWork(props: MentorScope & { moduleCode: string }): Promise<{ attempt: number }> {
  const { moduleCode, ...scope } = props;
  const { pathway, record, module } = await editableRecord(scope, moduleCode);
  const done = pathway.completions.get(moduleCode) ?? new Set<string>();
  const blockers = submitBlockers(module, done, record.reflection);
  if (blockers.length > 0) throw conflict(`This module is not ready to submit. ${blockers.join(" ")}`, { blockers });

  const attempt = record.attempt + 1;
  const submittedAt = new Date();
  const updated = await updateAtVersion(ModuleRecord, record._id, record.version, { $set: { status: "submitted", attempt, submittedAt } });
  if (!updated) throw conflict("This module's work has already been submitted.");
  const submission = await ModuleSubmission.create({
    ...scope,
    recordId: record._id.toString(),
    moduleCode,
    attempt,
    versionId: record.versionId,
    reflection: record.reflection,
    completedActivities: [...done],
    submittedAt,
  });
  // The LMS lists the work as needing marking (Submitted/PendingManual), through the outbox.
  await queueSubmission({ ...scope, recordId: record._id.toString(), submissionId: submission._id.toString(), module, attempt, submittedAt });
  return { attempt };
}
