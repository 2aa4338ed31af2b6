import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { keptInBin, type Binned } from "./binned";

/**
 * A file attached to evidence. The bytes live in GridFS (storage/attachmentStore.ts); this
 * document is written only after they are stored, so a failed upload leaves nothing listed.
 * An attachment a submitted version holds is archived, never deleted.
 * A deleted attachment stays in the bin for 30 days (models/binned.ts), hidden from queries that do not name deletedAt.
 */
const attachmentSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    evidenceId: { type: Schema.Types.ObjectId, required: true },
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    /** The type found in the content, not the one the browser claimed. */
    mimeType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    archivedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
attachmentSchema.index({ evidenceId: 1, createdAt: 1 });
attachmentSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1 });
attachmentSchema.index({ fileId: 1 }, { unique: true });

keptInBin(attachmentSchema);

export type AttachmentDoc = InferSchemaType<typeof attachmentSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
} & Binned;
export const Attachment = mongoose.model("Attachment", attachmentSchema);
