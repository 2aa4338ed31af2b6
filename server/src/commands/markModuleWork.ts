import { conflict, invalidInput, isDuplicateKeyError } from "../errors";
import { updateAtVersion } from "../db/exclusive";
import type { Actor } from "../lti/sessionToken";
import { ModuleMark } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { scoreRange } from "../programme/moduleLocks";
import { programmeVersionById } from "../programme/programmeVersions";
import { awardCreditsIfEligible } from "./creditAwarder";
import { queueGrade } from "./queueGrade";

/** A tutor's decision: a mark (score or pass/resubmit) or a return for more work. */
export type ModuleDecisionInput =
  | { kind: "mark"; attempt: number; score?: number; outcome?: "pass" | "resubmit"; feedback: string }
  | { kind: "return"; attempt: number; feedback: string };

/**
 * Records a tutor's decision on submitted module work. The ModuleMark insert, unique per record
 * and attempt, is the claim: of two tutors marking at once exactly one gets through, so a mark
 * is never duplicated or lost. A mark then queues a GradeRecord (the gradebook outbox) and,
 * when it passes the module, asks the credit awarder whether credit is now due.
 */
export async function decideModuleWork(props: { actor: Actor; record: ModuleRecordDoc; decision: ModuleDecisionInput }): Promise<void> {
  const { actor, record, decision } = props;
  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  if (!module) throw conflict("This module is no longer in the programme it was started under.");
  const range = scoreRange(module);
  const score = decision.kind === "mark" ? scoreFor(range, decision) : null;
  const passed = score !== null && (range.passMark === null ? score === 1 : score >= range.passMark);

  if (record.status !== "submitted" || record.attempt !== decision.attempt) {
    throw conflict(record.status === "submitted" ? "The mentor has submitted newer work; reload to mark it." : "This work is not waiting to be marked.");
  }
  const scope = { tenantId: record.tenantId, contextId: record.contextId, mentorUserId: record.mentorUserId };
  const recordId = record._id.toString();
  let mark;
  try {
    mark = await ModuleMark.create({
      ...scope,
      recordId,
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
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict("This work has already been marked.");
    throw err;
  }

  if (decision.kind === "mark" && score !== null && module.gradebook) {
    const gradeRecordId = await queueGrade({
      ...scope,
      source: { kind: "module", id: recordId },
      lineItem: { resourceId: `module:${module.code}`, label: `Module ${module.number}: ${module.title}`, scoreMaximum: range.maximum },
      scoreGiven: score,
      comment: decision.feedback,
      gradedBy: actor.userId,
    });
    await ModuleMark.updateOne({ _id: mark._id }, { $set: { gradeRecordId } });
  }

  // Only this caller holds the mark for this attempt, and the mentor cannot change submitted
  // work, so the version read above is still current.
  const status = decision.kind === "return" ? "returned" : "graded";
  const updated = await updateAtVersion(ModuleRecord, record._id, record.version, { $set: { status, passed } });
  if (!updated) throw conflict("This work changed while it was being marked. Reload to see it.");

  if (passed) await awardCreditsIfEligible(scope);
}

function scoreFor(range: ReturnType<typeof scoreRange>, decision: { score?: number; outcome?: "pass" | "resubmit" }): number {
  if (range.scheme === "pass_resubmit") {
    if (!decision.outcome) throw invalidInput("Please check: body.outcome: choose pass or resubmit", { fields: [{ field: "body.outcome", message: "choose pass or resubmit" }] });
    return decision.outcome === "pass" ? 1 : 0;
  }
  if (decision.score === undefined) throw invalidInput("Please check: body.score: is required", { fields: [{ field: "body.score", message: "is required" }] });
  if (decision.score > range.maximum) {
    const message = `must be at most ${range.maximum}`;
    throw invalidInput(`Please check: body.score: ${message}`, { fields: [{ field: "body.score", message }] });
  }
  return decision.score;
}
