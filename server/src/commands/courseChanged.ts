import { upsertOne } from "../db/upsert";
import { CourseChange } from "../models/dashboardSnapshot";

type Scope = { tenantId: string; contextId: string };

export const courseChangeKey = (scope: Scope) => JSON.stringify([scope.tenantId, scope.contextId]);

/**
 * Records that a course's data changed, so its report snapshots are recomputed on next read.
 * A timestamp set (not a counter): racing writers each leave "changed at about now", which is
 * all readers compare against.
 */
export async function markCourseChanged(scope: Scope): Promise<void> {
  await upsertOne(CourseChange, { _id: courseChangeKey(scope) }, { $set: { changedAt: new Date() } });
}
