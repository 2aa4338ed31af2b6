import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One save of a mentor's confidence ratings: every descriptor they rated or re-rated in that
 * action, in one document, so a crash keeps the whole save or none of it. Saves are never
 * edited: a changed rating is in a later save (with the reason for the change), so each
 * descriptor keeps its history and its rating in the latest save holding it is the rating now.
 * Ratings saved one document each by older versions are put in this shape at start-up
 * (db/migrations.ts).
 */
const auditRatingSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    versionId: { type: String, required: true },
    ratings: {
      type: [
        {
          _id: false,
          standardCode: { type: String, required: true },
          descriptorCode: { type: String, required: true },
          value: { type: Number, required: true },
          /** Why the rating changed; null for a first rating. */
          reason: { type: String, default: null },
        },
      ],
      required: true,
    },
    ratedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
auditRatingSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, ratedAt: -1 });

export type AuditRatingDoc = InferSchemaType<typeof auditRatingSchema> & { _id: mongoose.Types.ObjectId };
export const AuditRating = mongoose.model("AuditRating", auditRatingSchema);

/** One descriptor's rating as a save recorded it. */
export interface AuditRatingEntry {
  standardCode: string;
  descriptorCode: string;
  value: number;
  reason: string | null;
  ratedAt: Date;
}
