import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One piece of a mentor's evidence: the working copy they edit. Submitted portfolio versions
 * hold their own frozen copy, so editing here never changes what a panel saw. Links to
 * standards and attachments are their own documents (EvidenceLink, Attachment).
 */
const evidenceSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    title: { type: String, required: true },
    /** The day of the practice the evidence records (UTC midnight). */
    practiceDate: { type: Date, required: true },
    /** Sanitised HTML: only safe formatting survives. */
    narrativeHtml: { type: String, default: "" },
    // Replaced whole on each edit (never edited in place), under the version check.
    links: { type: [{ _id: false, url: String, label: String }], default: [] },
    /** The mentor's ordering; lower first. */
    position: { type: Number, default: 0 },
    archivedAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
evidenceSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, position: 1 });

export type EvidenceDoc = InferSchemaType<typeof evidenceSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Evidence = mongoose.model("Evidence", evidenceSchema);
