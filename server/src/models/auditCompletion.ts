import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A completed audit stage (e.g. entry, before Mastery) with the ratings as they stood then, so
 * progress can be compared later. Unique per mentor and stage: completing twice is a no-op.
 */
const auditCompletionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    stage: { type: String, required: true },
    versionId: { type: String, required: true },
    ratings: {
      type: [{ _id: false, standardCode: String, descriptorCode: String, value: Number }],
      default: [],
    },
    completedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
auditCompletionSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, stage: 1 }, { unique: true });

export type AuditCompletionDoc = InferSchemaType<typeof auditCompletionSchema> & { _id: mongoose.Types.ObjectId };
export const AuditCompletion = mongoose.model("AuditCompletion", auditCompletionSchema);
