import { CANVAS_SUBMISSION_EXTENSION, type AgsScore } from "../lti/port";
import { PlatformCallError } from "../lti/platformHttp";
import { Registration } from "../models/registration";
import type { OutboxRecord } from "./deliverCell";

/** What a grade record sends: a mark, or progress without a score. */
type Progress = { activity: AgsScore["activityProgress"]; grading: AgsScore["gradingProgress"] };

const MARKED: Progress = { activity: "Completed", grading: "FullyGraded" };

/** The record's progress (records made before progress existed are marks). */
export function progressOf(rec: Pick<OutboxRecord, "progress">): Progress {
  return rec.progress?.activity && rec.progress.grading
    ? { activity: rec.progress.activity, grading: rec.progress.grading }
    : MARKED;
}

/**
 * The AGS score for a record. A mark carries scoreGiven and scoreMaximum (Canvas refuses one
 * without the other) with Completed/FullyGraded (Canvas clears a score sent with other progress).
 * A submission is Submitted/PendingManual with no score and the submission time, so the LMS lists
 * it as needing marking; Canvas also reads its own submission extension (`submitted_at`). Work
 * returned for resubmission is InProgress/Pending with the comment and no score, never 0.
 */
export function scoreBody(rec: OutboxRecord, comment: string | null, timestamp: number, isCanvas: boolean): AgsScore {
  const progress = progressOf(rec);
  const score: AgsScore = {
    userId: rec.mentorUserId,
    comment: comment ?? undefined,
    timestamp: new Date(timestamp).toISOString(),
    activityProgress: progress.activity,
    gradingProgress: progress.grading,
  };
  if (progress.grading === "FullyGraded" && rec.scoreGiven !== null) {
    score.scoreGiven = rec.scoreGiven;
    score.scoreMaximum = rec.lineItem.scoreMaximum;
  }
  if (progress.activity === "Submitted" && rec.submittedAt) {
    const submittedAt = new Date(rec.submittedAt).toISOString();
    score.submission = { submittedAt };
    if (isCanvas) score[CANVAS_SUBMISSION_EXTENSION] = { new_submission: true, submitted_at: submittedAt };
  }
  return score;
}

/**
 * Whether the platform reads Canvas's score extensions: Canvas, and the development platform,
 * which imitates Canvas in one of its modes (other platforms ignore members they do not know,
 * as the AGS spec asks).
 */
export async function readsCanvasExtensions(tenantId: string): Promise<boolean> {
  const reg = await Registration.findById(tenantId, { lms: 1 }).lean();
  return reg?.lms === "canvas" || reg?.lms === "development";
}

/**
 * A refusal to take a grade for someone the LMS does not grade, in words a tutor can act on.
 * Moodle answers 400 "Incorrect score received" (is_user_gradable_in_course), Brightspace refuses
 * users whose role cannot be graded in Grades, others say the user is not a member. The LMS's own
 * words stay at the end for whoever supports the VLE.
 */
export function explainRefusal(err: PlatformCallError): PlatformCallError {
  if (err.kind !== "permanent" || (err.status !== 400 && err.status !== 403 && err.status !== 422)) return err;
  if (!/incorrect score received|not a member|not enrolled|gradable|can(not| not)? be graded/i.test(err.message))
    return err;
  return new PlatformCallError(
    "permanent",
    "The VLE will not take a grade for this mentor: it does not count them as a student it grades in this course " +
      "(for example they are enrolled as staff, or their enrolment has ended). Check their enrolment and role in the VLE, " +
      `then send the mark again. (${err.message})`,
    err.status,
  );
}
