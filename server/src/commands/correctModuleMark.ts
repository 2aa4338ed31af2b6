import { conflict } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import type { ModuleRecordDoc } from "../models/moduleRecord";
import { scoreRange } from "../programme/moduleLocks";
import { programmeVersionById } from "../queries/programmeVersionById";
import { markCourseChanged } from "./courseChanged";
import { applyMarkFollowUps, scoreFor } from "./markModuleWork";
import { creditsCountingModule } from "./markFollowUps";
import { markLabel } from "../programme/markLabel";

/** A correction as a tutor asks for it: the mark's revision they saw, the new mark, and why. */
export interface MarkCorrectionInput {
  attempt: number;
  /** The revision of the mark the tutor is correcting; the correction lands only on that one. */
  revision: number;
  score?: number;
  outcome?: "pass" | "resubmit";
  /** New feedback for the mentor; the mark's feedback stays when none is given. */
  feedback?: string;
  reason: string;
}

/** The current mark on a record's current attempt, if it has one. */
export async function currentMarkOf(record: Pick<ModuleRecordDoc, "_id" | "attempt">): Promise<ModuleMarkDoc | null> {
  return ModuleMark.findOne({ recordId: record._id.toString(), attempt: record.attempt }).lean<ModuleMarkDoc>();
}

/**
 * Corrects a mark already given: the new mark supersedes the old in one conditional update of
 * the mark document (on the revision the tutor saw), which also appends the correction (before,
 * after, reason, who, when) to the mark. Of two corrections made on the same revision exactly one
 * lands; the other is a 409 and nothing is written. The follow-ups (the new score through the
 * gradebook outbox, the record's pass, credit, the decision record, the mentor's notice) run
 * straight after, or from `sweepMarkFollowUps` if the server stops first. The caller authorizes
 * the actor (policies/module.ts "mark": staff, never on their own work).
 *
 * Only a mark on the record's latest attempt, not yet resubmitted, can be corrected: once the
 * mentor has acted on a mark, the tutor marks the new work instead. A return has no mark to correct.
 */
export async function correctModuleMark(props: {
  actor: Actor;
  record: ModuleRecordDoc;
  correction: MarkCorrectionInput;
  /** Set when the correction adopts a mark read back from the LMS (gradebook/settleLmsMark.ts). */
  fromLms?: { lmsMarkId: string; isAlreadyInLms: boolean };
}): Promise<ModuleMarkDoc> {
  const { actor, record, correction } = props;
  if (record.attempt !== correction.attempt || record.status === "submitted" || record.status === "in_progress") {
    throw conflict(
      "The mentor has submitted newer work since this mark; mark that work instead of correcting the old mark.",
    );
  }
  const mark = await currentMarkOf(record);
  if (!mark || record.status !== "graded" || mark.kind !== "mark") {
    throw conflict(
      "This work was returned for more work without a mark, so there is no mark to correct. Mark it when the mentor resubmits.",
    );
  }
  const revision = mark.revision ?? 0;
  if (revision !== correction.revision) throw changedMeanwhile(mark);

  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  if (!module) throw conflict("This module is no longer in the programme it was started under.");
  const range = scoreRange(module);
  const score = scoreFor(range, correction);
  const passed = range.passMark === null ? score === 1 : score >= range.passMark;
  const feedback = correction.feedback?.trim() || mark.feedback;
  if (score === mark.score && feedback === mark.feedback) {
    throw conflict(
      `The mark is already ${markLabel("mark", { score, passed }, mark.scoreMaximum)}. Choose a different mark or change the feedback to correct it.`,
    );
  }
  await refuseAfterRatification(record);

  const correctedAt = new Date();
  const entry = {
    revision: revision + 1,
    before: { score: mark.score ?? null, passed: mark.passed, feedback: mark.feedback },
    after: { score, passed, feedback },
    reason: correction.reason,
    correctedBy: actor.userId,
    correctedByName: actor.name,
    correctedByRoles: actor.roles,
    correctedAt,
    lmsMarkId: props.fromLms?.lmsMarkId ?? null,
    isAlreadyInLms: props.fromLms?.isAlreadyInLms ?? false,
    gradeRecordId: null,
    followUpsDoneAt: null,
  };
  // The one atomic write: the superseding mark and its history, only on the revision the tutor saw.
  const updated = await ModuleMark.findOneAndUpdate(
    { _id: mark._id, kind: "mark", revision: revision === 0 ? { $in: [0, null] } : revision },
    { $set: { score, passed, feedback, revision: revision + 1, followUpsDoneAt: null }, $push: { corrections: entry } },
    { new: true },
  ).lean<ModuleMarkDoc>();
  if (!updated) throw changedMeanwhile((await ModuleMark.findById(mark._id).lean<ModuleMarkDoc>()) ?? mark);

  await applyMarkFollowUps({ record, mark: updated });
  await markCourseChanged({ course: { tenantId: record.tenantId, contextId: record.contextId } });
  return (await ModuleMark.findById(mark._id).lean<ModuleMarkDoc>())!;
}

function changedMeanwhile(now: ModuleMarkDoc) {
  const latest = now.corrections?.at(-1);
  const by = latest ? ` by ${latest.correctedByName}` : "";
  return conflict(
    `Someone has just corrected this mark${by}: it is now ${markLabel(now.kind, { score: now.score ?? null, passed: now.passed }, now.scoreMaximum)}. Reload to see it before correcting it again.`,
  );
}

/**
 * An exam board's ratification makes the marks behind a credit final: the board expects a mark it
 * ratified to change only by its own decision, not by a tutor after the fact. So a module counted
 * in a ratified credit award cannot be corrected here; the programme lead reverses the credit
 * (the reverse-credit command, recorded for the board) and then the mark can be corrected. A
 * provisional award, which no board has seen, follows the corrected mark instead (markFollowUps.ts).
 */
async function refuseAfterRatification(record: ModuleRecordDoc): Promise<void> {
  const awards = await creditsCountingModule(
    { tenantId: record.tenantId, contextId: record.contextId, mentorUserId: record.mentorUserId },
    record.moduleCode,
  );
  const ratified = awards.find((a) => a.status === "ratified");
  if (!ratified) return;
  const board = ratified.followUps.findLast((f) => f.kind === "ratification");
  const when = board?.boardDate
    ? ` on ${board.boardDate}${board.boardReference ? ` (${board.boardReference})` : ""}`
    : "";
  throw conflict(
    `The exam board ratified the credit this module counts towards${when}, so its mark can no longer be corrected here. Ask the programme lead to reverse the credit first; then correct the mark.`,
  );
}
