import type { mongo } from "mongoose";
import { Course } from "../models/course";
import {
  courseCounterKey,
  DashboardCounter,
  MentorFigures,
  schoolCounterKey,
  type DashboardCounterDoc,
} from "../models/dashboardCounter";
import { countCourse, eachOf } from "../queries/dashboard";
import { programmeInForce } from "../queries/programmeInForce";

type Scope = { tenantId: string; contextId: string };

// One recount per course at a time in this process; concurrent callers share it.
const recounting = new Map<string, Promise<void>>();

/**
 * Rebuilds a course's dashboard counters from the data: one pass per collection, grouped by
 * mentor, each mentor's figures made as a write makes them (figuresOfMentor) and stored with
 * the mentor, and the sums set as the counters. Linear in the course (the full count is
 * cohortDashboard.ts); for a course counted before, the result equals the counters unless a
 * write was missed. Writes made while it runs may be counted twice or not at all until the next
 * recount, so it is run when a course is first read, when asked (`fresh`) and as a job.
 */
export function recountDashboard(scope: Scope): Promise<void> {
  const key = courseCounterKey(scope);
  const running = recounting.get(key);
  if (running) return running;
  const job = rebuild(scope).finally(() => recounting.delete(key));
  recounting.set(key, job);
  return job;
}

/**
 * Recounts, one course at a time, the dashboards that need it (for the jobs runner, every few
 * minutes): a course never counted or counted under another programme version soon after its
 * first read, and every course once a day to catch any write the counters missed.
 */
export async function recountEveryDashboard(now = new Date()): Promise<{ courses: number }> {
  const [courses, counted] = await Promise.all([
    Course.find({}, { _id: 0, tenantId: 1, contextId: 1 }).lean<Scope[]>(),
    DashboardCounter.find({ school: null }, { _id: 1, countedAt: 1, programmeVersionId: 1 }).lean<
      DashboardCounterDoc[]
    >(),
  ]);
  const countedAt = new Map(counted.map((c) => [String(c._id), c]));
  let recounted = 0;
  for (const c of courses) {
    const scope = { tenantId: c.tenantId, contextId: c.contextId };
    const known = countedAt.get(courseCounterKey(scope));
    const isDue = !known?.countedAt || now.getTime() - known.countedAt.getTime() >= DAY_MS;
    const isStale =
      !isDue && known!.programmeVersionId !== (await programmeInForce(scope.tenantId, scope.contextId)).versionId;
    if (!isDue && !isStale) continue;
    await recountDashboard(scope);
    recounted++;
  }
  return { courses: recounted };
}

const DAY_MS = 24 * 60 * 60_000;

/** Counts a course and stores the result as its counters (and each mentor's figures). */
async function rebuild(scope: Scope): Promise<void> {
  const { startedAt, programme, course, schools, stored } = await countCourse(scope);
  // Mentors stored before whose records are gone now add nothing.
  const known = new Set(stored.map((s) => s._id));
  for await (const m of eachOf<{ _id: string }>(MentorFigures, scope, { _id: 1 }))
    if (!known.has(m._id)) stored.push({ _id: m._id, school: null, figures: [] });
  await setInBatches(
    MentorFigures,
    stored.map((s) => ({ _id: s._id, set: { ...scope, school: s.school, figures: s.figures } })),
  );
  const oldSchools = await DashboardCounter.find({ ...scope, school: { $ne: null } }, { _id: 0, school: 1 }).lean<
    Array<{ school: string }>
  >();
  for (const { school } of oldSchools) if (!schools.has(school)) schools.set(school, {});
  // Schools first, the course last: its countedAt says the whole recount is written.
  await setInBatches(
    DashboardCounter,
    [...schools].map(([school, n]) => ({
      _id: schoolCounterKey(scope, school),
      set: { ...scope, school, n, updatedAt: startedAt },
    })),
  );
  await setInBatches(DashboardCounter, [
    {
      _id: courseCounterKey(scope),
      set: {
        ...scope,
        school: null,
        n: course,
        updatedAt: startedAt,
        countedAt: startedAt,
        programmeVersionId: programme.versionId,
      },
    },
  ]);
}

// Updates per bulk write: bounds the memory of one command at 50,000 mentors (the engine answers
// bulks of any size since its update statements release their queries: patch-ferretdb.mjs).
const WRITE_BATCH = 500;

/** `$set`s each document by `_id` (inserting it when missing), in bulk writes of WRITE_BATCH. */
async function setInBatches(
  model: { collection: unknown },
  docs: Array<{ _id: string; set: Record<string, unknown> }>,
): Promise<void> {
  const collection = model.collection as mongo.Collection<{ _id: string }>;
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    await collection.bulkWrite(
      docs
        .slice(i, i + WRITE_BATCH)
        .map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $set: d.set }, upsert: true } })),
      { ordered: false },
    );
  }
}
