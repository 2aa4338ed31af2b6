import mongoose, { Schema } from "mongoose";

/**
 * The programme lead's dashboard as last computed for one course and filter, read by `_id` so a
 * request costs one lookup however large the course is. `courseChange` says when the course's
 * data last changed; a snapshot computed before that is recomputed (see dashboardSnapshot.ts).
 */
const dashboardSnapshotSchema = new Schema(
  {
    /** JSON of [tenantId, contextId, school, academicYear]. */
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    /** When the computation began: changes made while it ran make it stale. */
    computedAt: { type: Date, required: true },
    computeMs: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);

export interface DashboardSnapshotDoc {
  _id: string;
  tenantId: string;
  contextId: string;
  data: unknown;
  computedAt: Date;
  computeMs: number;
}
export const DashboardSnapshot = mongoose.model("DashboardSnapshot", dashboardSnapshotSchema);

/**
 * When anything a course's reports count last changed (`_id` JSON of [tenantId, contextId]), or
 * one mentor's own records (`_id` JSON of [tenantId, contextId, mentorUserId]); see courseChanged.ts.
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
