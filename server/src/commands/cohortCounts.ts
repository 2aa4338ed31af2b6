import { CURSOR_BATCH_SIZE } from "../db/cursorBatch";
import type { PipelineStage } from "mongoose";
import { Certificate } from "../models/certificate";
import { CreditLedgerEntry } from "../models/creditLedgerEntry";
import { Member } from "../models/member";
import { ModuleRecord } from "../models/moduleRecord";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";

type Scope = { tenantId: string; contextId: string };
type MentorFilter = Record<string, unknown>;
type Group = { _id: unknown; n: number };

// Only $match and $group with $sum: the pipeline every supported engine runs (see ARCHITECTURE.md).
const sumBy = (match: Record<string, unknown>, key: string | null, field: string | number = 1): PipelineStage[] => [
  { $match: match },
  { $group: { _id: key, n: { $sum: field } } },
];

async function grouped(model: { aggregate: (p: PipelineStage[]) => PromiseLike<unknown[]> }, pipeline: PipelineStage[]): Promise<Map<string | null, number>> {
  const rows = (await model.aggregate(pipeline)) as Group[];
  return new Map(rows.map((r) => [r._id === null || r._id === undefined ? null : String(r._id), r.n]));
}

/**
 * The mentors a school filter selects, as a filter on mentorUserId (none: every mentor).
 * Roster members only: the list is one short id per mentor of the school.
 */
export async function mentorFilter(scope: Scope, school?: string): Promise<MentorFilter> {
  if (!school) return {};
  const ids = await Member.distinct("userId", { ...scope, roles: "mentor", school });
  return { mentorUserId: { $in: ids } };
}

export const countMentors = (scope: Scope, school?: string) => Member.countDocuments({ ...scope, roles: "mentor", ...(school ? { school } : {}) });

/**
 * Per module, records started and passed; and per mentor, the modules passed. One pass over the
 * course's module records (the largest collection the dashboard counts) instead of one
 * aggregation per figure: on the embedded engine each pass reads every record of the course.
 */
export async function moduleProgress(scope: Scope, mf: MentorFilter) {
  const started = new Map<string, number>();
  const passed = new Map<string, number>();
  const passedBy = new Map<string, Set<string>>();
  const cursor = ModuleRecord.find({ ...scope, ...mf }, { _id: 0, mentorUserId: 1, moduleCode: 1, passed: 1 })
    .lean<Array<{ mentorUserId: string; moduleCode: string; passed?: boolean }>>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  for await (const r of cursor) {
    started.set(r.moduleCode, (started.get(r.moduleCode) ?? 0) + 1);
    if (!r.passed) continue;
    passed.set(r.moduleCode, (passed.get(r.moduleCode) ?? 0) + 1);
    let codes = passedBy.get(r.mentorUserId);
    if (!codes) passedBy.set(r.mentorUserId, (codes = new Set()));
    codes.add(r.moduleCode);
  }
  /** The mentors (ids) who have passed every one of `codes`. */
  const mentorsWhoPassedAll = (codes: string[]) =>
    codes.length === 0 ? [] : [...passedBy.entries()].filter(([, done]) => codes.every((c) => done.has(c))).map(([id]) => id);
  return { started, passed, mentorsWhoPassedAll };
}

/**
 * Mentors per school, and how many of `completedIds` are in each: one pass over the course's
 * mentors. (Matching the completed ids with `$in` made the engine compare every mentor with
 * every id — quadratic in the course's size.)
 */
export async function schoolCounts(scope: Scope, school: string | undefined, completedIds: string[]) {
  const completedSet = new Set(completedIds);
  const mentors = new Map<string | null, number>();
  const completed = new Map<string | null, number>();
  const cursor = Member.find({ ...scope, roles: "mentor", ...(school ? { school } : {}) }, { _id: 0, userId: 1, school: 1 })
    .lean<Array<{ userId: string; school?: string | null }>>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  for await (const m of cursor) {
    const key = m.school ?? null;
    mentors.set(key, (mentors.get(key) ?? 0) + 1);
    if (completedSet.has(m.userId)) completed.set(key, (completed.get(key) ?? 0) + 1);
  }
  return { mentors, completed };
}

/** Issued and revoked certificates per qualification. */
export async function certificateCounts(scope: Scope, mf: MentorFilter) {
  const [issued, revoked] = await Promise.all([
    grouped(Certificate, sumBy({ ...scope, ...mf }, "$qualificationCode")),
    grouped(Certificate, sumBy({ ...scope, ...mf, revokedAt: { $ne: null } }, "$qualificationCode")),
  ]);
  return { issued, revoked };
}

/**
 * Awards by state, summed from the ledger lines' deltas, per credit value. One accumulator per
 * $group: the embedded engine returns wrong sums for the second and later accumulators of a
 * $group (measured: two $sum fields in one stage gave 0 for the second).
 */
export async function creditCounts(scope: Scope, mf: MentorFilter) {
  const match = { ...scope, ...mf };
  const [provisional, ratified, reversed] = await Promise.all(
    ["$provisionalDelta", "$ratifiedDelta", "$reversedDelta"].map((field) => grouped(CreditLedgerEntry, sumBy(match, "$credits", field))),
  );
  const total = (m: Map<string | null, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const credits = (m: Map<string | null, number>) => [...m.entries()].reduce((a, [value, n]) => a + n * Number(value), 0);
  return {
    provisional: total(provisional),
    ratified: total(ratified),
    reversed: total(reversed),
    provisionalCredits: credits(provisional),
    ratifiedCredits: credits(ratified),
  };
}

/** Training hours by academic year, by kind and by school. */
export async function hoursCounts(scope: Scope, mf: MentorFilter, academicYear?: string) {
  const match = { ...scope, ...mf, ...(academicYear ? { academicYear } : {}) };
  const [byYear, byKind, bySchool] = await Promise.all([
    grouped(TrainingHoursEntry, sumBy(match, "$academicYear", "$hours")),
    grouped(TrainingHoursEntry, sumBy(match, "$kind", "$hours")),
    grouped(TrainingHoursEntry, sumBy(match, "$school", "$hours")),
  ]);
  return { byYear, byKind, bySchool };
}
