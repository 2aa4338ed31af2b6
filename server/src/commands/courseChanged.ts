import { Types, type mongo } from "mongoose";
import { CourseChange, type CourseChangeDoc } from "../models/courseChange";

type Scope = { tenantId: string; contextId: string };

export const courseChangeKey = (scope: Scope) => JSON.stringify([scope.tenantId, scope.contextId]);
export const mentorChangeKey = (scope: Scope, mentorUserId: string) =>
  JSON.stringify([scope.tenantId, scope.contextId, mentorUserId]);

/**
 * Records that a course's data changed, so its reports and remembered reads are redone on next
 * read. `onlyMentor` names the one mentor whose own records changed (a mentor's own write, their
 * launch); without it the change may touch any mentor's pages (staff and background writes).
 *
 * `changedAt` is a time (the dashboard compares it with when a snapshot was counted); `version`
 * and `mentorsVersion` are new random values on every change, compared for equality, so racing
 * writers and skewed clocks can never leave a reader believing nothing changed.
 */
export async function markCourseChanged(p: { course: Scope; onlyMentor?: string }): Promise<void> {
  const scope = { tenantId: p.course.tenantId, contextId: p.course.contextId };
  const opts = { onlyMentor: p.onlyMentor };
  const changedAt = new Date();
  const version = new Types.ObjectId().toHexString();
  const course = { changedAt, version, ...(opts.onlyMentor ? {} : { mentorsVersion: version }) };
  await Promise.all([
    CourseChange.updateOne({ _id: courseChangeKey(scope) }, { $set: course }, { upsert: true }),
    opts.onlyMentor
      ? CourseChange.updateOne(
          { _id: mentorChangeKey(scope, opts.onlyMentor) },
          { $set: { changedAt, version } },
          { upsert: true },
        )
      : undefined,
  ]);
}

/**
 * The change markers with these keys, by key (absent: never changed). Every served read pays for
 * this lookup and little else, so it goes straight to the collection — a mongoose query's
 * building, casting and hydration cost more than the lookup itself — in one query (`_id` `$in`
 * is narrowed by the primary key on every engine).
 */
export async function readChangeMarkers(keys: string[]): Promise<Map<string, CourseChangeDoc>> {
  const collection = CourseChange.collection as unknown as mongo.Collection<CourseChangeDoc>;
  const found =
    keys.length === 1
      ? [await collection.findOne({ _id: keys[0] })].filter((m) => m !== null)
      : await collection.find({ _id: { $in: keys } }).toArray();
  return new Map(found.map((m) => [m._id, m]));
}
