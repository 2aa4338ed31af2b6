// The lead's dashboard, read: from the stored counters, or counted in memory for a course the
// recount job has not counted yet (commands/dashboardCounters.ts stores what countCourse counts).
import type { mongo } from "mongoose";
import type { TDashboard, TDashboardQuery } from "../contracts/dashboard";
import { CURSOR_BATCH_SIZE } from "../db/cursorBatch";
import { Certificate } from "../models/certificate";
import { CreditLedgerEntry } from "../models/creditLedgerEntry";
import {
  asStored,
  courseCounterKey,
  DashboardCounter,
  mentorFiguresKey,
  schoolCounterKey,
  type DashboardCounterDoc,
} from "../models/dashboardCounter";
import { Member } from "../models/member";
import { ModuleRecord } from "../models/moduleRecord";
import { PanelRound } from "../models/panelRound";
import { Portfolio } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import {
  dashboardFromFigures,
  figuresOfMentor,
  isCourseOnly,
  portfolioFigures,
  type MentorData,
} from "./dashboardFigures";
import { reviewersRequired } from "../programme/moderation";
import { statusesOf } from "./portfolioReads";
import { programmeInForce } from "./programmeInForce";

type Scope = { tenantId: string; contextId: string };

/**
 * The dashboard for a course and filter, from the counters the commands keep current
 * (adjustDashboardCounters.ts): two or three lookups by `_id` however large the course. A read
 * never writes: a course never counted (its data came from elsewhere, or counting began after
 * it), or counted under another programme version (levels are defined by the programme), is
 * counted here in memory and answered with `isRefreshing`, and the dashboard-recount job stores
 * its counters; `fresh` counts in memory now.
 */
export async function dashboardFor(
  scope: Scope,
  q: TDashboardQuery,
  opts: { fresh?: boolean } = {},
): Promise<TDashboard> {
  const programme = await programmeInForce(scope.tenantId, scope.contextId);
  const [course, rounds] = await Promise.all([
    DashboardCounter.findById(courseCounterKey(scope)).lean<DashboardCounterDoc>(),
    PanelRound.find(scope, { _id: 1, name: 1, date: 1 })
      .sort({ date: 1 })
      .lean<Array<{ _id: unknown; name: string; date: Date }>>(),
  ]);
  const isCounted = Boolean(course?.countedAt) && course!.programmeVersionId === programme.versionId;
  if (opts.fresh || !isCounted) {
    const counted = await countCourse(scope);
    const bucket = q.school ? (counted.schools.get(q.school) ?? {}) : counted.course;
    const figures = dashboardFromFigures({ programme, course: counted.course, bucket, rounds, query: q });
    return { ...figures, asOf: counted.startedAt.toISOString(), isRefreshing: !isCounted };
  }
  const school = q.school
    ? await DashboardCounter.findById(schoolCounterKey(scope, q.school)).lean<DashboardCounterDoc>()
    : undefined;
  const courseFigures = course!.n ?? {};
  const figures = dashboardFromFigures({
    programme,
    course: courseFigures,
    bucket: q.school ? (school?.n ?? {}) : courseFigures,
    rounds,
    query: q,
  });
  const times = [course?.updatedAt, course?.countedAt, school?.updatedAt]
    .filter((t): t is Date => t instanceof Date)
    .map((t) => t.getTime());
  return { ...figures, asOf: new Date(Math.max(0, ...times)).toISOString(), isRefreshing: false };
}

/** Every document of a course's collection that `filter` selects (these fields), read straight from the collection in batches (so without the models' query middleware: hours in the bin are left out by `deletedAt: null`). */
export function eachOf<T>(
  model: { collection: unknown },
  filter: Scope & Record<string, unknown>,
  projection: Record<string, 0 | 1>,
): AsyncIterable<T> {
  return (model.collection as mongo.Collection).find(filter, {
    projection,
    batchSize: CURSOR_BATCH_SIZE,
  }) as unknown as AsyncIterable<T>;
}

/** A course's figures counted from its data, in memory: the course's, each school's and each mentor's. */
export async function countCourse(scope: Scope) {
  const startedAt = new Date();
  const programme = await programmeInForce(scope.tenantId, scope.contextId);
  const mentors = new Map<string, MentorData>();
  const of = (id: string) => {
    let data = mentors.get(id);
    if (!data)
      mentors.set(
        id,
        (data = {
          member: null,
          records: [],
          certificates: [],
          ledger: [],
          hours: [],
          portfolioStates: [],
          roundStates: [],
        }),
      );
    return data;
  };
  type Owned = { mentorUserId: string };
  const portfolios = new Map<string, Array<{ _id: unknown }>>();
  const versions: PortfolioVersionDoc[] = [];
  await Promise.all([
    (async () => {
      for await (const m of eachOf<{ userId: string; roles: string[]; school?: string | null }>(Member, scope, {
        _id: 0,
        userId: 1,
        roles: 1,
        school: 1,
      }))
        of(m.userId).member = m;
    })(),
    (async () => {
      for await (const r of eachOf<Owned & MentorData["records"][number]>(ModuleRecord, scope, {
        _id: 0,
        mentorUserId: 1,
        moduleCode: 1,
        passed: 1,
      }))
        of(r.mentorUserId).records.push(r);
    })(),
    (async () => {
      for await (const c of eachOf<Owned & MentorData["certificates"][number]>(Certificate, scope, {
        _id: 0,
        mentorUserId: 1,
        qualificationCode: 1,
        revokedAt: 1,
      }))
        of(c.mentorUserId).certificates.push(c);
    })(),
    (async () => {
      for await (const l of eachOf<Owned & MentorData["ledger"][number]>(CreditLedgerEntry, scope, {
        _id: 0,
        mentorUserId: 1,
        credits: 1,
        provisionalDelta: 1,
        ratifiedDelta: 1,
        reversedDelta: 1,
      }))
        of(l.mentorUserId).ledger.push(l);
    })(),
    (async () => {
      for await (const h of eachOf<Owned & MentorData["hours"][number]>(
        TrainingHoursEntry,
        { ...scope, deletedAt: null },
        { _id: 0, mentorUserId: 1, academicYear: 1, kind: 1, school: 1, hours: 1 },
      ))
        of(h.mentorUserId).hours.push(h);
    })(),
    (async () => {
      for await (const p of eachOf<Owned & { _id: unknown }>(Portfolio, scope, { _id: 1, mentorUserId: 1 })) {
        const list = portfolios.get(p.mentorUserId) ?? [];
        list.push(p);
        portfolios.set(p.mentorUserId, list);
      }
    })(),
    (async () => {
      for await (const v of eachOf<PortfolioVersionDoc>(PortfolioVersion, scope, {
        _id: 1,
        mentorUserId: 1,
        portfolioId: 1,
        roundId: 1,
        number: 1,
      }))
        versions.push(v);
    })(),
  ]);
  const statuses = await statusesOf(scope, versions, reviewersRequired(programme.definition));
  const versionsOf = new Map<string, PortfolioVersionDoc[]>();
  for (const v of versions) {
    const list = versionsOf.get(v.mentorUserId) ?? [];
    list.push(v);
    versionsOf.set(v.mentorUserId, list);
  }
  for (const id of new Set([...portfolios.keys(), ...versionsOf.keys()]))
    Object.assign(of(id), portfolioFigures(portfolios.get(id) ?? [], versionsOf.get(id) ?? [], statuses));

  const course: Record<string, number> = {};
  const schools = new Map<string, Record<string, number>>();
  const stored: Array<{ _id: string; school: string | null; figures: Array<{ k: string; v: number }> }> = [];
  for (const [mentorUserId, data] of mentors) {
    const { school, figures } = figuresOfMentor(data, programme.definition);
    const bucket = school === null ? undefined : (schools.get(school) ?? schools.set(school, {}).get(school)!);
    for (const [k, v] of figures) {
      course[k] = (course[k] ?? 0) + v;
      if (bucket && !isCourseOnly(k)) bucket[k] = (bucket[k] ?? 0) + v;
    }
    stored.push({ _id: mentorFiguresKey(scope, mentorUserId), school, figures: asStored(figures) });
  }
  return { startedAt, programme, course, schools, stored };
}
