import { Types } from "mongoose";
import { upsertOne } from "../db/upsert";
import { CourseChange } from "../models/dashboardSnapshot";

type Scope = { tenantId: string; contextId: string };

export const courseChangeKey = (scope: Scope) => JSON.stringify([scope.tenantId, scope.contextId]);
export const mentorChangeKey = (scope: Scope, mentorUserId: string) => JSON.stringify([scope.tenantId, scope.contextId, mentorUserId]);

/**
 * Records that a course's data changed, so its reports and remembered reads are redone on next
 * read. `onlyMentor` names the one mentor whose own records changed (a mentor's own write, their
 * launch); without it the change may touch any mentor's pages (staff and background writes).
 *
 * `changedAt` is a time (the dashboard compares it with when a snapshot was counted); `version`
 * and `mentorsVersion` are new random values on every change, compared for equality, so racing
 * writers and skewed clocks can never leave a reader believing nothing changed.
 */
export async function markCourseChanged(scope: Scope, opts: { onlyMentor?: string } = {}): Promise<void> {
  const changedAt = new Date();
  const version = new Types.ObjectId().toHexString();
  const course = { changedAt, version, ...(opts.onlyMentor ? {} : { mentorsVersion: version }) };
  await Promise.all([
    upsertOne(CourseChange, { _id: courseChangeKey(scope) }, { $set: course }),
    opts.onlyMentor ? upsertOne(CourseChange, { _id: mentorChangeKey(scope, opts.onlyMentor) }, { $set: { changedAt, version } }) : undefined,
  ]);
}
