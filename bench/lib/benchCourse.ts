import mongoose from "mongoose";
import { jobNames } from "../../server/src/jobs/jobNames";
import { courseCounterKey, DashboardCounter } from "../../server/src/models/dashboardCounter";
import { Job } from "../../server/src/models/job";
import { Registration } from "../../server/src/models/registration";
import type { Actor } from "../../server/src/lti/sessionToken";
import { seedCourse, type SeededCourse } from "./seed";
import { PLATFORM_CLIENT_ID, PLATFORM_DEPLOYMENT_ID, type BenchStack } from "./stack";

/** The tenant the tool registered for the bench's development platform. */
export async function benchTenantId(stack: BenchStack): Promise<string> {
  const registration = await Registration.findOne({ issuer: stack.platform.issuer }, { _id: 1 }).lean();
  if (!registration) throw new Error("the tool did not register the bench platform");
  return registration._id.toString();
}

/** Who a bench request is from: a mentor or the programme lead of a seeded course, as a launch makes them. */
export function benchActor(
  stack: BenchStack,
  tenantId: string,
  course: SeededCourse,
  userId: string,
  role: "mentor" | "lead",
): Actor {
  return {
    tenantId,
    issuer: stack.platform.issuer,
    clientId: PLATFORM_CLIENT_ID,
    deploymentId: PLATFORM_DEPLOYMENT_ID,
    userId,
    name: role === "lead" ? "Programme Lead" : `Mentor ${userId}`,
    email: null,
    contextId: course.contextId,
    contextTitle: `Bench course ${course.contextId}`,
    contextLabel: course.contextId,
    resourceLinkId: null,
    roles: role === "lead" ? ["lead", "tutor"] : ["mentor"],
    launchId: new mongoose.Types.ObjectId().toString(),
    messageType: "LtiResourceLinkRequest",
    target: null,
    isDevelopment: false,
  };
}

/**
 * Seeds a course through the models and waits until the tool's dashboard-recount job has counted
 * it: reads never count into the database, and data seeded straight into the collections is
 * counted by that job (within five minutes; the bench asks for it now).
 */
export async function seedCountedCourse(p: {
  tenantId: string;
  contextId: string;
  mentors: number;
  evidencePerMentor: number;
  log: (m: string) => void;
}): Promise<SeededCourse> {
  p.log(
    `seeding ${p.mentors} mentors${p.evidencePerMentor ? ` with ${p.evidencePerMentor * p.mentors} evidence items` : ""}...`,
  );
  const course = await seedCourse({
    tenantId: p.tenantId,
    contextId: p.contextId,
    mentors: p.mentors,
    evidencePerMentor: p.evidencePerMentor,
  });
  p.log(
    `  ${course.documents} documents in ${course.seconds.toFixed(0)} s (${(course.documents / course.seconds).toFixed(0)}/s)`,
  );
  const started = performance.now();
  await Job.updateOne({ _id: jobNames.dashboardRecount }, { $set: { soonRequested: true } });
  const key = courseCounterKey({ tenantId: p.tenantId, contextId: course.contextId });
  while (!(await DashboardCounter.findById(key, { countedAt: 1 }).lean<{ countedAt: Date | null }>())?.countedAt) {
    if (performance.now() - started > 30 * 60_000)
      throw new Error(`the dashboard-recount job did not count ${course.contextId} within 30 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
  p.log(`  counted by the dashboard-recount job in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return course;
}

/** What a mentor logs in the bench's writes (POST /api/hours). */
export const HOURS_ENTRY = { date: "2026-10-05", activity: "Bench workshop", hours: 1, kind: "initial" };
