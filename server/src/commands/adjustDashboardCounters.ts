import { Certificate } from "../models/certificate";
import { CreditLedgerEntry } from "../models/creditLedgerEntry";
import {
  asStored,
  courseCounterKey,
  DashboardCounter,
  MentorFigures,
  mentorFiguresKey,
  schoolCounterKey,
  type MentorFiguresDoc,
} from "../models/dashboardCounter";
import { Member } from "../models/member";
import { ModuleRecord } from "../models/moduleRecord";
import { Portfolio } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import type { TProgramme } from "../programme/schema";
import { figuresOfMentor, isCourseOnly, portfolioFigures, type MentorData } from "../queries/dashboardFigures";
import { reviewersRequired } from "../programme/moderation";
import { statusesOf } from "../queries/portfolioReads";
import { programmeInForce } from "../queries/programmeInForce";

type Scope = { tenantId: string; contextId: string };
type Deltas = Map<string, number>;

/** Just the course of a record that carries one (callers pass their documents). */
const courseOf = (of: Scope): Scope => ({ tenantId: of.tenantId, contextId: of.contextId });

/**
 * The one place that changes the dashboard's counters: adds `deltas` to the course's figures and,
 * when `school` is given, to that school's (all but the course-only portfolio figures). One
 * atomic `$inc` per document, so concurrent writers lose nothing.
 */
export async function adjustDashboardCounters(p: {
  course: Scope;
  school: string | null;
  deltas: Deltas;
}): Promise<void> {
  const { school, deltas } = p;
  const scope = courseOf(p.course);
  const changes = [...deltas].filter(([, d]) => d !== 0);
  if (changes.length === 0) return;
  const inc = (pairs: Array<[string, number]>) => Object.fromEntries(pairs.map(([k, d]) => [`n.${k}`, d]));
  const updatedAt = new Date();
  const forSchool = changes.filter(([k]) => !isCourseOnly(k));
  // Both documents in one round trip (one update command of two statements), each its own `$inc`.
  await DashboardCounter.bulkWrite(
    [
      {
        updateOne: {
          filter: { _id: courseCounterKey(scope) },
          // The course's document has no school (the schema's inferred type has no null).
          update: {
            $inc: inc(changes),
            $set: { updatedAt },
            $setOnInsert: { ...scope, school: null as unknown as string },
          },
          upsert: true,
        },
      },
      ...(school !== null && forSchool.length > 0
        ? [
            {
              updateOne: {
                filter: { _id: schoolCounterKey(scope, school) },
                update: { $inc: inc(forSchool), $set: { updatedAt }, $setOnInsert: { ...scope, school } },
                upsert: true,
              },
            },
          ]
        : []),
    ],
    { ordered: false },
  );
}

/**
 * One mentor's records as the dashboard counts them (a handful of indexed reads). With
 * `wholeHours`, the hours entries are read whole (the same entries in the same order, with all
 * their fields), so a caller that answers with the mentor's ledger reads it once.
 */
export async function loadMentorData(
  scope: Scope,
  mentorUserId: string,
  def: TProgramme,
  opts: { wholeHours?: boolean } = {},
): Promise<MentorData> {
  const mine = { ...courseOf(scope), mentorUserId };
  const [member, records, certificates, ledger, hours, portfolios, versions] = await Promise.all([
    Member.findOne({ ...scope, userId: mentorUserId }, { _id: 0, roles: 1, school: 1 }).lean<{
      roles: string[];
      school?: string | null;
    }>(),
    ModuleRecord.find(mine, { _id: 0, moduleCode: 1, passed: 1 }).lean<MentorData["records"]>(),
    Certificate.find(mine, { _id: 0, qualificationCode: 1, revokedAt: 1 }).lean<MentorData["certificates"]>(),
    CreditLedgerEntry.find(mine, { _id: 0, credits: 1, provisionalDelta: 1, ratifiedDelta: 1, reversedDelta: 1 }).lean<
      MentorData["ledger"]
    >(),
    opts.wholeHours
      ? TrainingHoursEntry.find(mine).lean<TrainingHoursEntryDoc[]>()
      : TrainingHoursEntry.find(mine, { _id: 0, academicYear: 1, kind: 1, school: 1, hours: 1 }).lean<
          MentorData["hours"]
        >(),
    Portfolio.find(mine, { _id: 1 }).lean<Array<{ _id: unknown }>>(),
    PortfolioVersion.find(mine, { _id: 1, portfolioId: 1, roundId: 1, number: 1 }).lean<PortfolioVersionDoc[]>(),
  ]);
  const statuses = await statusesOf(scope, versions, reviewersRequired(def));
  return { member, records, certificates, ledger, hours, ...portfolioFigures(portfolios, versions, statuses) };
}

/**
 * Brings the dashboard's counters up to date with one mentor's records: what the mentor adds to
 * the figures now replaces what they added before, and the difference goes to the counters.
 * Every command that changes something the dashboard counts calls this after its write, so the
 * counters follow without each command spelling out which figures it moves, and calling it
 * again changes nothing. Concurrent refreshes of one mentor are ordered by a ticket: one that
 * read the records before another's write cannot replace figures a later refresh applied.
 *
 * `programme` is the programme in force as the caller read it for its write (the version its
 * record is stored under), when it read one; otherwise it is read here. A programme loaded
 * meanwhile makes the course's counters stale as a whole, and the recount job recounts them
 * under it (commands/dashboardCounters.ts), as it does for a refresh that read the programme
 * just before the load. With `withHoursEntries`, returns the mentor's hours entries as counted
 * (in the order read): their ledger as it stands after the caller's write.
 */
export async function refreshMentorFigures(p: {
  course: Scope;
  mentorUserId: string;
  programme?: TProgramme;
  withHoursEntries?: boolean;
}): Promise<{ hoursEntries: TrainingHoursEntryDoc[] | null }> {
  const { mentorUserId } = p;
  const scope = courseOf(p.course);
  const _id = mentorFiguresKey(scope, mentorUserId);
  const ticket = await takeTicket(_id, scope);
  const definition = p.programme ?? (await programmeInForce(scope.tenantId, scope.contextId)).definition;
  const data = await loadMentorData(scope, mentorUserId, definition, { wholeHours: p.withHoursEntries });
  const hoursEntries = p.withHoursEntries ? (data.hours as TrainingHoursEntryDoc[]) : null;
  const now = figuresOfMentor(data, definition);
  // Figures the recount stored first (records from before the counters) have no `applied`: no
  // refresh has applied any, so this one may (a missing field never matches `$lt`).
  const before = await MentorFigures.findOneAndUpdate(
    { _id, $or: [{ applied: { $lt: ticket } }, { applied: { $exists: false } }] },
    { $set: { applied: ticket, school: now.school, figures: asStored(now.figures) } },
    { returnDocument: "before" },
  ).lean<MentorFiguresDoc>();
  if (!before) return { hoursEntries }; // a refresh that asked later has applied newer figures already
  const old = new Map((before.figures ?? []).map((f) => [f.k, f.v]));
  const oldSchool = before.school ?? null;
  if (oldSchool === now.school) {
    await adjustDashboardCounters({ course: scope, school: now.school, deltas: difference(now.figures, old) });
    return { hoursEntries };
  }
  // The mentor moved school (or joined or left the roster): what they added moves with them.
  await adjustDashboardCounters({ course: scope, school: oldSchool, deltas: difference(new Map(), old) });
  await adjustDashboardCounters({ course: scope, school: now.school, deltas: now.figures });
  return { hoursEntries };
}

/** `now - before`, key by key. */
function difference(now: Deltas, before: Deltas): Deltas {
  const deltas = new Map(now);
  for (const [key, value] of before) deltas.set(key, (deltas.get(key) ?? 0) - value);
  return deltas;
}

/** A number larger than any refresh of this mentor has been given before. */
async function takeTicket(_id: string, scope: Scope): Promise<number> {
  const ticket = await MentorFigures.findOneAndUpdate(
    { _id },
    { $inc: { requested: 1 }, $setOnInsert: { ...scope } },
    { upsert: true, returnDocument: "after" },
  ).lean<{ requested: number }>();
  return ticket!.requested;
}
