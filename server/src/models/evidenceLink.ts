import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** How a piece of evidence shows a standard, or one of its descriptors; one document per link. */
const evidenceLinkSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    evidenceId: { type: Schema.Types.ObjectId, required: true },
    standardCode: { type: String, required: true },
    /** "" for the standard as a whole (a unique index cannot tell nulls apart on every engine). */
    descriptorCode: { type: String, default: "" },
    note: { type: String, default: "" },
  },
  { timestamps: true },
);
evidenceLinkSchema.index({ evidenceId: 1, standardCode: 1, descriptorCode: 1 }, { unique: true });
evidenceLinkSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1 });

export type EvidenceLinkDoc = InferSchemaType<typeof evidenceLinkSchema> & { _id: mongoose.Types.ObjectId };
export const EvidenceLink = mongoose.model("EvidenceLink", evidenceLinkSchema);
