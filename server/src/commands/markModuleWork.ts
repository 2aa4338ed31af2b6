import { conflict, invalidInput, isDuplicateKeyError } from "../errors";
import { updateAtVersion } from "../db/exclusive";
import type { Actor } from "../lti/sessionToken";
import { ModuleMark, type ModuleMarkDoc } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { scoreRange } from "../programme/moduleLocks";
import { programmeVersionById } from "../programme/programmeVersions";
import { awardCreditsIfEligible } from "./creditAwarder";
import { queueGrade } from "./queueGrade";
import { refreshMentorFigures } from "./adjustDashboardCounters";

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
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict("This work has already been marked.");
    throw err;
  }

  // From here the mark is saved; settling it is the same work a later read does if we die now.
  const settled = await settleMark(record, mark.toObject() as ModuleMarkDoc);
  if (!settled) throw conflict("This work changed while it was being marked. Reload to see it.");
}

/** The idempotency key of the gradebook record for a mark: one grade per mark, however often queued. */
export const gradeDedupeKey = (markId: string) => `module-mark:${markId}`;

/**
 * Brings a record in line with the mark on its current attempt: queues the grade (once), moves
 * the record to graded or returned, and asks the credit awarder about a pass. Marking calls it
 * straight after the mark is saved; reads call it for records a crash left "submitted" with a
 * mark, so the repair is idempotent and safe to race. Returns the record as it stands, or null
 * when the record moved on to something this mark does not explain.
 */
async function settleMark(record: ModuleRecordDoc, mark: ModuleMarkDoc): Promise<ModuleRecordDoc | null> {
  const scope = { tenantId: record.tenantId, contextId: record.contextId, mentorUserId: record.mentorUserId };
  const recordId = record._id.toString();
  if (mark.kind === "mark" && mark.score !== null && mark.scoreMaximum !== null && !mark.gradeRecordId) {
    const programme = await programmeVersionById(record.versionId);
    const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
    // The dedupe key keeps a racing read, the marker, or a retry after a crash from queueing the grade twice.
    if (module?.gradebook) {
      const gradeRecordId = await queueGrade({
        dedupeKey: gradeDedupeKey(mark._id.toString()),
        ...scope,
        source: { kind: "module", id: recordId },
        lineItem: { resourceId: `module:${module.code}`, label: `Module ${module.number}: ${module.title}`, scoreMaximum: mark.scoreMaximum },
        scoreGiven: mark.score,
        comment: mark.feedback,
        gradedBy: mark.markedBy,
      });
      await ModuleMark.updateOne({ _id: mark._id }, { $set: { gradeRecordId } });
    }
  }

  const status = mark.kind === "return" ? "returned" : "graded";
  let current: ModuleRecordDoc | null = record;
  if (record.status === "submitted" && record.attempt === mark.attempt) {
    // Losing this update is fine: the winner (the marker or another read) applied this same mark.
    current = (await updateAtVersion(ModuleRecord, record._id, record.version, { $set: { status, passed: mark.passed } })) as ModuleRecordDoc | null;
    current ??= await ModuleRecord.findById(record._id).lean<ModuleRecordDoc>();
    await refreshMentorFigures(record, record.mentorUserId);
  }
  if (!current || current.attempt !== mark.attempt) return null;
  // Another writer holds the record's claim and has not finished: show what the mark says meanwhile.
  if (current.status === "submitted") return { ...current, status, passed: mark.passed };
  if (current.status !== status) return null;
  if (mark.passed) await awardCreditsIfEligible(scope);
  return current;
}

/**
 * Module records as they should read: a record still "submitted" although its current attempt
 * has a mark (the server stopped between saving the mark and updating the record) is repaired
 * and returned as graded or returned. Every read of module records goes through this.
 */
export async function settledRecords(records: ModuleRecordDoc[]): Promise<ModuleRecordDoc[]> {
  const stuck = records.filter((r) => r.status === "submitted");
  if (stuck.length === 0) return records;
  const marks = await ModuleMark.find({ $or: stuck.map((r) => ({ recordId: r._id.toString(), attempt: r.attempt })) }).lean<ModuleMarkDoc[]>();
  if (marks.length === 0) return records;
  const markFor = new Map(marks.map((m) => [`${m.recordId}:${m.attempt}`, m]));
  return Promise.all(
    records.map(async (record) => {
      const mark = record.status === "submitted" ? markFor.get(`${record._id.toString()}:${record.attempt}`) : undefined;
      return mark ? ((await settleMark(record, mark)) ?? record) : record;
    }),
  );
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
