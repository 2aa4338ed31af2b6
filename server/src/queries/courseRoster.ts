import { Course } from "../models/course";
import { Member } from "../models/member";

/** Everyone in the course by name (including mentors who never opened the tool), and when the roster was last synced from the VLE. */
export async function courseRoster(scope: { tenantId: string; contextId: string }) {
  const [members, course] = await Promise.all([
    Member.find(scope).sort({ name: 1 }).limit(5000).lean(),
    Course.findOne(scope, { rosterSyncedAt: 1 }).lean(),
  ]);
  return { members, syncedAt: course?.rosterSyncedAt ?? null };
}
