import { AppError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { CreditLedgerEntry } from "../models/creditLedgerEntry";
import type { MarkCorrection, ModuleMarkDoc } from "../models/moduleMark";
import { ModuleMark } from "../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { gradeForDecision } from "../gradebook/moduleGrades";
import { markLabel } from "../programme/markLabel";
import type { TModule } from "../programme/schema";
import { loadCreditAward } from "../queries/creditReads";
import { appendDecision } from "./decisionRecord";
import { queueGrade } from "./queueGrade";
import { reverseCredit } from "./reverseCredit";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { tellMentor } from "./tellMentor";

/** A mark's values at one moment: as first given, or after a correction. */
export interface MarkValues {
  score: number | null;
  passed: boolean;
  feedback: string;
}

/** The mark as first given: the first correction's `before`, or the mark itself when never corrected. */
export function originalOf(mark: ModuleMarkDoc): MarkValues {
  return mark.corrections?.[0]?.before ?? { score: mark.score ?? null, passed: mark.passed, feedback: mark.feedback };
}

/** The idempotency key of the gradebook record for a mark (revision 0) or one of its corrections. */
export const gradeDedupeKey = (markId: string, revision = 0) =>
  revision === 0 ? `module-mark:${markId}` : `module-mark:${markId}:correction:${revision}`;

const moduleName = (module: TModule | undefined, code: string) =>
  module ? `Module ${module.number}: ${module.title}` : `Module ${code}`;
const subjectOf = (mark: ModuleMarkDoc) => `module:${mark.moduleCode} attempt ${mark.attempt}`;
const rolesOf = (roles: string[] | null | undefined) =>
  (roles && roles.length > 0 ? roles : ["tutor"]) as Actor["roles"];

/**
 * The decision-record entry and the mentor's notice a first mark owes. Each is keyed by the mark,
 * so the marker and a sweep running this both leave one entry and one notice.
 */
export async function recordFirstMark(props: { mark: ModuleMarkDoc; module: TModule | undefined }): Promise<void> {
  const { mark, module } = props;
  const original = originalOf(mark);
  const after = markLabel(mark.kind, original, mark.scoreMaximum);
  const markId = mark._id.toString();
  await appendDecision({
    tenantId: mark.tenantId,
    contextId: mark.contextId,
    kind: "mark_change",
    actor: { userId: mark.markedBy, name: mark.markedByName, roles: rolesOf(mark.markedByRoles) },
    subject: subjectOf(mark),
    mentorUserId: mark.mentorUserId,
    before: "not marked",
    after,
    reason: null,
    at: mark.createdAt ?? new Date(),
    eventKey: `mark:${markId}`,
  });
  const isReturned = mark.kind === "return" || !original.passed;
  await tellMentor({
    tenantId: mark.tenantId,
    contextId: mark.contextId,
    mentorUserId: mark.mentorUserId,
    key: `module-mark:${markId}`,
    kind: isReturned ? "module_returned" : "module_marked",
    title: isReturned
      ? `${moduleName(module, mark.moduleCode)} has come back for more work`
      : `${moduleName(module, mark.moduleCode)} is marked`,
    body: `${after}, from ${mark.markedByName}. ${original.feedback}`.slice(0, 2_000),
    link: `/modules/${encodeURIComponent(mark.moduleCode)}`,
    at: mark.createdAt ?? new Date(),
  });
}

/**
 * What one correction sets off, each step idempotent so the corrector and a sweep may both run
 * it: the new score queued for the gradebook (its own dedupe key; dated when it was corrected, so
 * the outbox's newest-first coalescing lets it supersede the old mark and never be overtaken by
 * it), the record's pass moved, a provisional credit reversed when a pass became a fail, a "mark
 * changed" entry in the decision record and a notice for the mentor.
 */
export async function applyCorrectionFollowUps(props: {
  record: ModuleRecordDoc;
  mark: ModuleMarkDoc;
  correction: MarkCorrection;
  module: TModule | undefined;
}): Promise<void> {
  const { record, mark, correction, module } = props;
  const markId = mark._id.toString();
  const index = correction.revision - 1; // corrections are only ever appended, one per revision
  const scope = { tenantId: record.tenantId, contextId: record.contextId, mentorUserId: record.mentorUserId };

  if (!correction.gradeRecordId && module) {
    const grade = await gradeForDecision(record, module, {
      kind: "mark",
      attempt: mark.attempt,
      scoreMaximum: mark.scoreMaximum ?? null,
      markedBy: correction.correctedBy,
      ...correction.after,
    });
    if (grade) {
      const gradeRecordId = await queueGrade({
        ...grade,
        // Only a score the LMS itself showed is taken as already there; a conflict's choice is sent.
        isAlreadyInLms: correction.isAlreadyInLms && grade.scoreGiven !== null,
        dedupeKey: gradeDedupeKey(markId, correction.revision),
        gradedAt: correction.correctedAt,
      });
      await ModuleMark.updateOne(
        { _id: mark._id },
        { $set: { [`corrections.${index}.gradeRecordId`]: gradeRecordId } },
      );
    }
  }

  // The record follows the mark's current pass (the latest correction's), on the attempt it marks.
  const moved = await ModuleRecord.updateOne(
    { _id: record._id, attempt: mark.attempt, status: "graded", passed: { $ne: mark.passed } },
    { $set: { passed: mark.passed } },
  );
  if (moved.modifiedCount > 0) await refreshMentorFigures({ course: record, mentorUserId: record.mentorUserId });

  // A fail corrected to a pass is awarded by the mark's own credit check, run after its corrections.
  if (correction.before.passed && !correction.after.passed) await reverseProvisionalCredit(record, mark, correction);

  const before = markLabel(mark.kind, correction.before, mark.scoreMaximum);
  const after = markLabel(mark.kind, correction.after, mark.scoreMaximum);
  await appendDecision({
    ...scope,
    kind: "mark_change",
    actor: {
      userId: correction.correctedBy,
      name: correction.correctedByName,
      roles: rolesOf(correction.correctedByRoles),
    },
    subject: subjectOf(mark),
    before,
    after,
    reason: correction.reason,
    at: correction.correctedAt,
    eventKey: `mark-change:${markId}:${correction.revision}`,
  });
  await tellMentor({
    ...scope,
    key: `module-mark:${markId}:correction:${correction.revision}`,
    kind: correction.after.passed ? "module_marked" : "module_returned",
    title: `Your mark for ${moduleName(module, mark.moduleCode)} was corrected`,
    body: `Now ${after} (was ${before}), by ${correction.correctedByName}. Reason: ${correction.reason}`.slice(
      0,
      2_000,
    ),
    link: `/modules/${encodeURIComponent(mark.moduleCode)}`,
    at: correction.correctedAt,
  });
  await ModuleMark.updateOne({ _id: mark._id }, { $set: { [`corrections.${index}.followUpsDoneAt`]: new Date() } });
}

/** Provisional credit awards that count this module's pass (the award's evidence names it). */
export async function creditsCountingModule(
  scope: { tenantId: string; contextId: string; mentorUserId: string },
  moduleCode: string,
) {
  const awards = await CreditLedgerEntry.find(
    { ...scope, kind: "award", "evidence.condition": `module:${moduleCode}` },
    { _id: 1 },
  ).lean();
  return Promise.all(
    awards.map((a) => loadCreditAward({ tenantId: scope.tenantId, contextId: scope.contextId }, a._id.toString())),
  );
}

/**
 * A pass corrected to a fail takes back a provisional credit award that counted it, through the
 * reverse-credit command (a ledger line, never an edit) and the decision record. A ratified award
 * is never reversed here: the correction command refuses before that (see correctModuleMark.ts).
 */
async function reverseProvisionalCredit(
  record: ModuleRecordDoc,
  mark: ModuleMarkDoc,
  correction: MarkCorrection,
): Promise<void> {
  const scope = { tenantId: record.tenantId, contextId: record.contextId, mentorUserId: record.mentorUserId };
  for (const current of await creditsCountingModule(scope, mark.moduleCode)) {
    if (current.status !== "provisional") continue;
    const reason = `Module ${mark.moduleCode} mark corrected from ${markLabel(mark.kind, correction.before, mark.scoreMaximum)} to ${markLabel(mark.kind, correction.after, mark.scoreMaximum)}: ${correction.reason}`;
    try {
      await reverseCredit({ current, reversedBy: correction.correctedBy, reason });
    } catch (err) {
      // The corrector and a sweep raced: the other one's reversal landed (the ledger's seq key).
      if (!(err instanceof AppError && err.code === "conflict")) throw err;
      continue;
    }
    await appendDecision({
      ...scope,
      kind: "reversal",
      actor: {
        userId: correction.correctedBy,
        name: correction.correctedByName,
        roles: rolesOf(correction.correctedByRoles),
      },
      subject: `credit:${current.award._id.toString()}`,
      before: "provisional",
      after: "reversed",
      reason,
      eventKey: `mark-change-credit:${current.award._id.toString()}:${mark._id.toString()}:${correction.revision}`,
    });
  }
}
