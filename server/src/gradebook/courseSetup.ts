import { Course } from "../models/course";
import { CourseSetup, type CourseSetupDoc } from "../models/courseSetup";
import type { GradebookPorts } from "./platformService";
import { syncRoster } from "./rosterSync";
import { syncLineItems } from "./syncLineItems";

/** What one pass of the course-setup job did. */
export interface CourseSetupPass {
  done: number;
  failed: number;
}

/** How many courses one run sets up; a full batch runs again at once. */
export const COURSE_SETUP_BATCH = 20;
const MAX_ERROR_LENGTH = 500;

/**
 * The course-setup job's handler: for each course a staff launch asked about
 * (`commands/requestCourseSetup.ts`), finds or makes every module column the programme asks for
 * (`syncLineItems`: found by resource id, never duplicated) and pulls the roster over NRPS, then
 * records the course done. A course whose LMS refused keeps its request (with the error) and is
 * tried again on the job's next run; the job fails so the runner backs off.
 */
export async function setUpRequestedCourses(ports: GradebookPorts): Promise<CourseSetupPass> {
  const pending = await CourseSetup.find({ doneAt: null })
    .sort({ requestedAt: 1 })
    .limit(COURSE_SETUP_BATCH)
    .lean<CourseSetupDoc[]>();
  const pass: CourseSetupPass = { done: 0, failed: 0 };
  const errors: string[] = [];
  for (const request of pending) {
    const { tenantId, contextId } = request;
    try {
      const course = await Course.findOne({ tenantId, contextId }, { agsLineItemsUrl: 1, nrpsUrl: 1 }).lean();
      // Each service only where the LMS offered it to this course; the scheduled roster refresh
      // and marking itself cover whatever a later launch offers.
      if (course?.agsLineItemsUrl) await syncLineItems(ports, tenantId, contextId);
      if (course?.nrpsUrl) await syncRoster(ports, tenantId, contextId);
      await CourseSetup.updateOne(
        { _id: request._id },
        { $set: { doneAt: new Date(), lastError: null }, $inc: { attempts: 1 } },
      );
      pass.done++;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH);
      await CourseSetup.updateOne({ _id: request._id }, { $set: { lastError: message }, $inc: { attempts: 1 } });
      errors.push(`${contextId}: ${message}`);
      pass.failed++;
    }
  }
  if (errors.length > 0)
    throw new Error(`Could not set up ${errors.length} course(s) in the VLE: ${errors.join("; ")}`);
  return pass;
}
