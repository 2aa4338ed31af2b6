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

/** Adds `amount` to the running total kept under `key`. */
function addTo<K>(totals: Map<K, number>, key: K, amount = 1): void {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}

async function grouped(
  model: { aggregate: (p: PipelineStage[]) => PromiseLike<unknown[]> },
  pipeline: PipelineStage[],
): Promise<Map<string | null, number>> {
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
    addTo(started, r.moduleCode);
    if (!r.passed) continue;
    addTo(passed, r.moduleCode);
    let codes = passedBy.get(r.mentorUserId);
    if (!codes) passedBy.set(r.mentorUserId, (codes = new Set()));
    codes.add(r.moduleCode);
  }
  /** The mentors (ids) who have passed every one of `codes`. */
  const mentorsWhoPassedAll = (codes: string[]) =>
    codes.length === 0
      ? []
      : [...passedBy.entries()].filter(([, done]) => codes.every((c) => done.has(c))).map(([id]) => id);
  return { started, passed, mentorsWhoPassedAll };
}

/**
 * The course's mentors (one pass over the roster): how many, how many per school, and how many
 * of a set of mentors each school has. (Matching a set of ids with `$in` made the engine compare
 * every mentor with every id — quadratic in the course's size.)
 */
export async function mentorSchools(scope: Scope, school?: string) {
  const schoolOf = new Map<string, string | null>();
  const perSchool = new Map<string | null, number>();
  const cursor = Member.find(
    { ...scope, roles: "mentor", ...(school ? { school } : {}) },
    { _id: 0, userId: 1, school: 1 },
  )
    .lean<Array<{ userId: string; school?: string | null }>>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  for await (const m of cursor) {
    const key = m.school ?? null;
    schoolOf.set(m.userId, key);
    addTo(perSchool, key);
  }
  /** How many of `userIds` (mentors of the course) each school has. */
  const perSchoolOf = (userIds: string[]) => {
    const counts = new Map<string | null, number>();
    for (const id of userIds) {
      if (schoolOf.has(id)) addTo(counts, schoolOf.get(id)!);
    }
    return counts;
  };
  return { count: schoolOf.size, perSchool, perSchoolOf };
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
 * Awards by state, summed from the ledger lines' deltas, and the credits they carry. One pass
 * over the course's ledger: the engine decodes every line for each aggregation, and it needs
 * one aggregation per sum (it returns wrong sums for a $group's second and later accumulators).
 */
export async function creditCounts(scope: Scope, mf: MentorFilter) {
  const counts = { provisional: 0, ratified: 0, reversed: 0, provisionalCredits: 0, ratifiedCredits: 0 };
  const cursor = CreditLedgerEntry.find(
    { ...scope, ...mf },
    { _id: 0, credits: 1, provisionalDelta: 1, ratifiedDelta: 1, reversedDelta: 1 },
  )
    .lean<Array<{ credits: number; provisionalDelta: number; ratifiedDelta: number; reversedDelta: number }>>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  for await (const line of cursor) {
    counts.provisional += line.provisionalDelta;
    counts.ratified += line.ratifiedDelta;
    counts.reversed += line.reversedDelta;
    counts.provisionalCredits += line.provisionalDelta * line.credits;
    counts.ratifiedCredits += line.ratifiedDelta * line.credits;
  }
  return counts;
}

/** Training hours by academic year, by kind and by school: one pass over the entries (as the ledger). */
export async function hoursCounts(scope: Scope, mf: MentorFilter, academicYear?: string) {
  const byYear = new Map<string | null, number>();
  const byKind = new Map<string | null, number>();
  const bySchool = new Map<string | null, number>();
  const cursor = TrainingHoursEntry.find(
    { ...scope, ...mf, ...(academicYear ? { academicYear } : {}) },
    { _id: 0, academicYear: 1, kind: 1, school: 1, hours: 1 },
  )
    .lean<Array<{ academicYear: string; kind: string; school?: string | null; hours: number }>>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  for await (const entry of cursor) {
    addTo(byYear, entry.academicYear, entry.hours);
    addTo(byKind, entry.kind, entry.hours);
    addTo(bySchool, entry.school ?? null, entry.hours);
  }
  return { byYear, byKind, bySchool };
}
