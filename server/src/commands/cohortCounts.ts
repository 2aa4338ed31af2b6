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

/** Per module: records started and records passed. */
export async function moduleCounts(scope: Scope, mf: MentorFilter) {
  const [started, passed] = await Promise.all([
    grouped(ModuleRecord, sumBy({ ...scope, ...mf }, "$moduleCode")),
    grouped(ModuleRecord, sumBy({ ...scope, ...mf, passed: true }, "$moduleCode")),
  ]);
  return { started, passed };
}

/** The mentors (ids) who have passed every one of `codes`. */
export async function mentorsWhoPassedAll(scope: Scope, mf: MentorFilter, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = (await ModuleRecord.aggregate([
    { $match: { ...scope, ...mf, passed: true, moduleCode: { $in: codes } } },
    { $group: { _id: "$mentorUserId", n: { $sum: 1 } } },
    { $match: { n: { $gte: codes.length } } },
  ])) as Group[];
  return rows.map((r) => String(r._id));
}

/** Mentors per school, and how many of `completedIds` are in each. */
export async function schoolCounts(scope: Scope, school: string | undefined, completedIds: string[]) {
  const base = { ...scope, roles: "mentor", ...(school ? { school } : {}) };
  const [mentors, completed] = await Promise.all([
    grouped(Member, sumBy(base, "$school")),
    grouped(Member, sumBy({ ...base, userId: { $in: completedIds } }, "$school")),
  ]);
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
