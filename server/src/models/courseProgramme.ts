import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * Which programme version a course (LMS context) follows. Each assignment is its own document
 * with a sequence number unique per course, so two leads loading at once cannot both win the
 * same slot; the highest sequence is the one in force and the rest are the course's history.
 */
const courseProgrammeSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    seq: { type: Number, required: true },
    versionId: { type: String, required: true },
    assignedBy: { type: String, required: true },
  },
  { timestamps: true },
);
courseProgrammeSchema.index({ tenantId: 1, contextId: 1, seq: -1 }, { unique: true });

export type CourseProgrammeDoc = InferSchemaType<typeof courseProgrammeSchema> & { _id: mongoose.Types.ObjectId };
export const CourseProgramme = mongoose.model("CourseProgramme", courseProgrammeSchema);
