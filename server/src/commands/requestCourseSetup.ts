import { isDuplicateKeyError } from "../errors";
import { jobNames } from "../jobs/jobNames";
import { runSoon } from "../jobs/jobRunner";
import { CourseSetup } from "../models/courseSetup";

// Courses this process has already asked about, so a staff member's repeat launches cost no write.
const asked = new Set<string>();
const MEMO_LIMIT = 20_000;

/**
 * Asks, once per course, for its LMS set-up (module columns, roster over NRPS) to be done by the
 * course-setup job, and wakes the job. Called by a staff launch; it never holds up the launch
 * beyond one insert, and a repeat is a no-op (the unique index).
 */
export async function requestCourseSetup(props: {
  tenantId: string;
  contextId: string;
  userId: string;
}): Promise<void> {
  const key = `${props.tenantId}|${props.contextId}`;
  if (asked.has(key)) return;
  try {
    await CourseSetup.create({
      tenantId: props.tenantId,
      contextId: props.contextId,
      requestedAt: new Date(),
      requestedBy: props.userId,
    });
  } catch (err) {
    // Already asked for (here or by another process): the job has it.
    if (!isDuplicateKeyError(err)) throw err;
    remember(key);
    return;
  }
  remember(key);
  await runSoon(jobNames.courseSetup);
}

function remember(key: string) {
  if (asked.size >= MEMO_LIMIT) asked.delete(asked.values().next().value as string);
  asked.add(key);
}
