import { conflict, invalidField, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { scoreRange } from "../programme/moduleLocks";
import { programmeVersionById } from "../queries/programmeVersionById";
import { awardCreditsIfEligible } from "./creditAwarder";
import { markCourseChanged } from "./courseChanged";
import { queueGrade } from "./queueGrade";
import { gradeForDecision } from "../gradebook/moduleGrades";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { applyCorrectionFollowUps, gradeDedupeKey, originalOf, recordFirstMark } from "./markFollowUps";

export { gradeDedupeKey };

/** A tutor's decision: a mark (score or pass/resubmit) or a return for more work. */
export type ModuleDecisionInput =
  | { kind: "mark"; attempt: number; score?: number; outcome?: "pass" | "resubmit"; feedback: string }
  | { kind: "return"; attempt: number; feedback: string };

/**
 * Records a tutor's decision on submitted module work. The ModuleMark insert, unique per record
 * and attempt, is the claim and the outbox: of two tutors marking at once exactly one gets
 * through, so a mark is never duplicated or lost, and the mark says what must follow (the
 * record moved to graded or returned, a GradeRecord queued for the gradebook, the credit check
 * on a pass, the decision record's entry and the mentor's notice). The follow-ups run here,
 * straight after the insert; if the server stops first,
 * `sweepMarkFollowUps` finishes them. Reads never do (they show the mark: programme/moduleProgress.ts).
 */
export async function decideModuleWork(props: {
  actor: Actor;
  record: ModuleRecordDoc;
  decision: ModuleDecisionInput;
}): Promise<void> {
  const { actor, record, decision } = props;
  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  if (!module) throw conflict("This module is no longer in the programme it was started under.");
  const range = scoreRange(module);
  const score = decision.kind === "mark" ? scoreFor(range, decision) : null;
  const passed = score !== null && (range.passMark === null ? score === 1 : score >= range.passMark);

  if (record.status !== "submitted" || record.attempt !== decision.attempt) {
    throw conflict(
      record.status === "submitted"
        ? "The mentor has submitted newer work; reload to mark it."
        : "This work is not waiting to be marked.",
    );
  }
  let mark;
  try {
    mark = await ModuleMark.create({
      tenantId: record.tenantId,
      contextId: record.contextId,
      mentorUserId: record.mentorUserId,
      recordId: record._id.toString(),
      moduleCode: record.moduleCode,
      attempt: record.attempt,
      versionId: record.versionId,
      kind: decision.kind,
      score,
      scoreMaximum: decision.kind === "mark" ? range.maximum : null,
      passed,
      feedback: decision.feedback,
      markedBy: actor.userId,
      markedByName: actor.name,
      markedByRoles: actor.roles,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict("This work has already been marked.");
    throw err;
  }

  const settled = await applyMarkFollowUps({ record, mark: mark.toObject() as ModuleMarkDoc });
  if (!settled) throw conflict("This work changed while it was being marked. Reload to see it.");
}

/**
 * What a saved mark sets off: queues the grade (once: the dedupe key), moves the record to
 * graded or returned, asks the credit awarder about a pass, writes the decision record's entry and
 * tells the mentor, then finishes any corrections' follow-ups and records the follow-ups done.
 * Each step is idempotent, so the marker (or corrector) and a sweep may all run it. Returns false
 * when the record moved on to something this mark does not explain (the follow-ups then stay
 * pending for the sweep).
 */
export async function applyMarkFollowUps(props: { record: ModuleRecordDoc; mark: ModuleMarkDoc }): Promise<boolean> {
  const { record, mark } = props;
  const scope = { tenantId: record.tenantId, contextId: record.contextId, mentorUserId: record.mentorUserId };
  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  const original = { ...mark, ...originalOf(mark) };
  if (!mark.gradeRecordId) {
    // A mark sends its score; a return or a "resubmit" sends work in progress with the feedback,
    // never 0. Dated when the mark was made, so a correction made since is never overtaken by it.
    const grade = module ? await gradeForDecision(record, module, original) : null;
    if (grade) {
      const gradeRecordId = await queueGrade({
        dedupeKey: gradeDedupeKey(mark._id.toString()),
        ...grade,
        gradedAt: mark.createdAt ?? new Date(),
      });
      await ModuleMark.updateOne({ _id: mark._id }, { $set: { gradeRecordId } });
    }
  }

  const status = mark.kind === "return" ? "returned" : "graded";
  let current: ModuleRecordDoc | null = record;
  if (record.status === "submitted" && record.attempt === mark.attempt) {
    // Losing this update is fine: the winner (the marker or a sweep) applied this same mark.
    current = await ModuleRecord.findOneAndUpdate(
      { _id: record._id, status: "submitted", attempt: mark.attempt },
      { $set: { status, passed: mark.passed } },
      { new: true },
    ).lean<ModuleRecordDoc>();
    current ??= await ModuleRecord.findById(record._id).lean<ModuleRecordDoc>();
    await refreshMentorFigures({ course: record, mentorUserId: record.mentorUserId });
  }
  if (!current) return false;
  // A later attempt means the mentor acted on this mark already: it is history, nothing to move.
  const isCurrent = current.attempt === mark.attempt;
  if (isCurrent && current.status !== status) return false;
  await recordFirstMark({ mark, module });
  for (const correction of mark.corrections ?? []) {
    if (!correction.followUpsDoneAt) await applyCorrectionFollowUps({ record: current, mark, correction, module });
  }
  // After the corrections: the credit check follows the mark as it now stands, so a pass since
  // corrected to a fail never writes an award only for the correction to reverse it.
  // A reversal the latest correction came after is reopened by it (see creditAwarder).
  const corrected = mark.corrections?.at(-1)?.correctedAt;
  if (mark.passed) await awardCreditsIfEligible({ ...scope, reopenIfReversedBefore: corrected ?? undefined });
  // Done only as of the revision read: a correction landing meanwhile set it back to null itself.
  await ModuleMark.updateOne(
    { _id: mark._id, revision: mark.revision ?? { $in: [0, null] } },
    { $set: { followUpsDoneAt: new Date() } },
  );
  return isCurrent;
}

/**
 * Finishes the follow-ups of marks whose server stopped before they completed (a job: run at
 * start-up and every few minutes). Marks younger than `graceMs` are left alone: their own request
 * is probably still running them. Returns how many marks it looked at.
 */
export async function sweepMarkFollowUps(graceMs = 60_000): Promise<number> {
  // updatedAt: a correction is as young as its last write, not as the mark.
  const pending = await ModuleMark.find({ followUpsDoneAt: null, updatedAt: { $lt: new Date(Date.now() - graceMs) } })
    .limit(100)
    .lean<ModuleMarkDoc[]>();
  for (const mark of pending) {
    const record = await ModuleRecord.findById(mark.recordId).lean<ModuleRecordDoc>();
    if (!record) {
      await ModuleMark.updateOne({ _id: mark._id }, { $set: { followUpsDoneAt: new Date() } });
      continue;
    }
    await applyMarkFollowUps({ record, mark });
    await markCourseChanged({ course: { tenantId: mark.tenantId, contextId: mark.contextId } });
  }
  return pending.length;
}

/** The score a decision gives under the module's marking scheme (refusing a missing or too high one, naming the field). */
export function scoreFor(
  range: ReturnType<typeof scoreRange>,
  decision: { score?: number; outcome?: "pass" | "resubmit" },
): number {
  if (range.scheme === "pass_resubmit") {
    if (!decision.outcome) throw invalidField("body.outcome", "choose pass or resubmit");
    return decision.outcome === "pass" ? 1 : 0;
  }
  if (decision.score === undefined) throw invalidField("body.score", "is required");
  if (decision.score > range.maximum) {
    throw invalidField("body.score", `must be at most ${range.maximum}`);
  }
  return decision.score;
}
