import { markCourseChanged } from "../commands/courseChanged";
import { mapLtiRoles } from "../lti/roles";
import { PlatformCallError } from "../lti/platformHttp";
import { Course } from "../models/course";
import { Member } from "../models/member";
import { Registration } from "../models/registration";
import { serviceForTenant, type GradebookPorts } from "./platformService";
import { refreshMentorFigures } from "../commands/adjustDashboardCounters";

/** What a roster sync did, for the person who asked for it. */
export interface RosterSyncResult {
  seen: number;
  added: number;
  pages: number;
  syncedAt: Date;
}

/**
 * Fills the course roster from NRPS (every page), so staff see mentors who have never opened
 * the tool. Someone who has launched keeps what their launch said (name, email, school,
 * roles): a launch is fresher and richer than a roster line. Members the roster listed before
 * and no longer does are marked Inactive.
 */
export async function syncRoster(
  ports: GradebookPorts,
  tenantId: string,
  contextId: string,
): Promise<RosterSyncResult> {
  const course = await Course.findOne({ tenantId, contextId }, { nrpsUrl: 1 }).lean();
  if (!course?.nrpsUrl) {
    throw new PlatformCallError(
      "permanent",
      "The VLE has not offered this course's member list (NRPS) to Mentor Pathways.",
      null,
    );
  }
  const registration = await Registration.findById(tenantId, { leadRole: 1, leadUserIds: 1 }).lean();
  const svc = await serviceForTenant(ports, tenantId);
  const syncedAt = new Date();
  const { members, pages } = await svc.members.list(course.nrpsUrl);

  let added = 0;
  let seen = 0;
  for (const m of members) {
    const roles = mapLtiRoles(
      m.roles,
      {},
      { leadRole: registration?.leadRole, leadUserIds: registration?.leadUserIds },
      m.userId,
    );
    if (roles.length === 0) continue;
    seen++;
    const key = { tenantId, contextId, userId: m.userId };
    const existing = await Member.findOne(key, { lastLaunchAt: 1 }).lean();
    if (existing?.lastLaunchAt) {
      await Member.updateOne(key, { $set: { rosterSeenAt: syncedAt, status: m.status } });
      continue;
    }
    if (!existing) added++;
    await Member.updateOne(
      key,
      {
        $set: {
          name: m.name ?? m.email ?? "Unnamed member",
          email: m.email,
          sourcedId: m.sourcedId,
          givenName: m.givenName,
          familyName: m.familyName,
          roles,
          ltiRoles: m.roles,
          status: m.status,
          rosterSeenAt: syncedAt,
        },
      },
      { upsert: true },
    );
    await refreshMentorFigures({ course: { tenantId, contextId }, mentorUserId: m.userId });
  }
  await Member.updateMany(
    { tenantId, contextId, rosterSeenAt: { $ne: null, $lt: syncedAt }, status: "Active" },
    { $set: { status: "Inactive" } },
  );
  await Course.updateOne({ tenantId, contextId }, { $set: { rosterSyncedAt: syncedAt } });
  await markCourseChanged({ course: { tenantId, contextId } });
  return { seen, added, pages, syncedAt };
}
