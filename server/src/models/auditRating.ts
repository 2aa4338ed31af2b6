import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One confidence rating a mentor gave a standard's descriptor. Ratings are never edited: a new
 * rating is a new document (with the reason for the change), so each descriptor keeps its
 * history and the latest one is the mentor's rating now.
 */
const auditRatingSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    versionId: { type: String, required: true },
    standardCode: { type: String, required: true },
    descriptorCode: { type: String, required: true },
    value: { type: Number, required: true },
    /** Why the rating changed; null for a first rating. */
    reason: { type: String, default: null },
    ratedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
auditRatingSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, descriptorCode: 1, ratedAt: -1 });

export type AuditRatingDoc = InferSchemaType<typeof auditRatingSchema> & { _id: mongoose.Types.ObjectId };
export const AuditRating = mongoose.model("AuditRating", auditRatingSchema);
