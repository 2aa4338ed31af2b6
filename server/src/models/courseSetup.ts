import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A course's first set-up in the LMS: its module columns made and its roster pulled over NRPS,
 * asked for by the first staff launch (`commands/recordLaunch.ts`) and done by the course-setup
 * job (`gradebook/courseSetup.ts`), so a tutor's first visit finds the gradebook and the class
 * complete. The unique (tenant, course) index makes the request once per course.
 */
const courseSetupSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    /** Who asked (the staff member whose launch it was). */
    requestedBy: { type: String, required: true },
    /** Null until columns and roster are both done; a failed attempt leaves it null for a retry. */
    doneAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
  },
  { timestamps: true },
);
courseSetupSchema.index({ tenantId: 1, contextId: 1 }, { unique: true });
courseSetupSchema.index({ doneAt: 1 });

export type CourseSetupDoc = InferSchemaType<typeof courseSetupSchema> & { _id: mongoose.Types.ObjectId };
export const CourseSetup = mongoose.model("CourseSetup", courseSetupSchema);
