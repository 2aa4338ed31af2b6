import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One comment in the thread on a piece of a mentor's evidence: from their lead mentor, or the
 * mentor's reply. Each comment is its own document (a thread grows; nothing is edited in place).
 */
const evidenceCommentSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    /** Whose evidence it is. */
    mentorUserId: { type: String, required: true },
    evidenceId: { type: Schema.Types.ObjectId, required: true },
    authorUserId: { type: String, required: true },
    authorName: { type: String, required: true },
    authorRole: { type: String, enum: ["mentor", "leadMentor"], required: true },
    body: { type: String, required: true },
  },
  { timestamps: true },
);
evidenceCommentSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, createdAt: 1 });
evidenceCommentSchema.index({ tenantId: 1, contextId: 1, evidenceId: 1, createdAt: 1 });

export type EvidenceCommentDoc = InferSchemaType<typeof evidenceCommentSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const EvidenceComment = mongoose.model("EvidenceComment", evidenceCommentSchema);
