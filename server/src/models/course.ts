import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** An LMS context (course) the tool has been launched in, with the service endpoints it gave us. */
const courseSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    title: { type: String, required: true },
    label: { type: String, default: null },
    deploymentId: { type: String, required: true },
    /** AGS line items container URL and granted scopes, from the latest launch. */
    agsLineItemsUrl: { type: String, default: null },
    agsScopes: { type: [String], default: [] },
    /** NRPS memberships URL, from the latest launch. */
    nrpsUrl: { type: String, default: null },
    rosterSyncedAt: { type: Date, default: null },
    /** The scheduled roster refresh's window this course was last taken for (see gradebook/jobs.ts). */
    rosterWindow: { type: Number, default: null },
    /** The scheduled read-back of VLE marks' window this course was last taken for (gradebook/readBackLmsMarks.ts). */
    lmsMarksWindow: { type: Number, default: null },
  },
  { timestamps: true },
);
courseSchema.index({ tenantId: 1, contextId: 1 }, { unique: true });

export type CourseDoc = InferSchemaType<typeof courseSchema> & { _id: mongoose.Types.ObjectId };
export const Course = mongoose.model("Course", courseSchema);
