import { z } from "zod";

// Some tools send explicit nulls for absent optional fields; treat them as absent.
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

const isoDateTime = z.string().datetime({ offset: true });

/** An AGS 2.0 line item as a tool creates (POST) or replaces (PUT) it. */
export const ZLineItemWrite = z.object({
  scoreMaximum: z.number().positive(),
  label: z.string().trim().min(1),
  resourceId: optional(z.string()),
  tag: optional(z.string()),
  resourceLinkId: optional(z.string()),
  startDateTime: optional(isoDateTime),
  endDateTime: optional(isoDateTime),
  gradesReleased: optional(z.boolean()),
});
export type TLineItemWrite = z.infer<typeof ZLineItemWrite>;

/** Canvas's extension on a score: the submission behind it (Canvas LTI "assignment tools" docs). */
export const CANVAS_SUBMISSION = "https://canvas.instructure.com/lti/submission";

/** An AGS 2.0 score publish request (application/vnd.ims.lis.v1.score+json). */
export const ZScorePost = z.object({
  userId: z.string().min(1),
  scoreGiven: optional(z.number().min(0)),
  scoreMaximum: optional(z.number().positive()),
  comment: optional(z.string()),
  timestamp: isoDateTime,
  activityProgress: z.enum(["Initialized", "Started", "InProgress", "Submitted", "Completed"]),
  gradingProgress: z.enum(["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"]),
  submission: optional(z.object({ startedAt: optional(isoDateTime), submittedAt: optional(isoDateTime) })),
  scoringUserId: optional(z.string()),
  [CANVAS_SUBMISSION]: optional(
    z.object({ new_submission: optional(z.boolean()), submitted_at: optional(isoDateTime) }).passthrough(),
  ),
});
export type TScorePost = z.infer<typeof ZScorePost>;

/** Flattens zod issues into one sentence a tool developer can read in a log. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}
