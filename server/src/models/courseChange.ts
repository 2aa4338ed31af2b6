import mongoose, { Schema } from "mongoose";

/**
 * When anything in a course last changed (`_id` JSON of [tenantId, contextId]), or one mentor's
 * own records (`_id` JSON of [tenantId, contextId, mentorUserId]): the markers remembered reads
 * depend on (see commands/courseChanged.ts).
 */
const courseChangeSchema = new Schema(
  {
    _id: { type: String, required: true },
    changedAt: { type: Date, required: true },
    /** A new random value on every change. */
    version: { type: String },
    /** Course markers only: a new random value on every change that may touch any mentor's pages. */
    mentorsVersion: { type: String },
  },
  { versionKey: false },
);
export interface CourseChangeDoc {
  _id: string;
  changedAt: Date;
  version?: string;
  mentorsVersion?: string;
}
export const CourseChange = mongoose.model("CourseChange", courseChangeSchema);

// A course's change marker, and one per mentor for their own records.
export const courseChangeKey = (scope: { tenantId: string; contextId: string }) =>
  JSON.stringify([scope.tenantId, scope.contextId]);
export const mentorChangeKey = (scope: { tenantId: string; contextId: string }, mentorUserId: string) =>
  JSON.stringify([scope.tenantId, scope.contextId, mentorUserId]);
