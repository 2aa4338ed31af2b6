import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A file a mentor attached to their module work. The bytes live in GridFS with evidence
 * attachments (storage/attachmentStore.ts) and pass the same checks (storage/fileCheck.ts); this
 * document is written only after they are stored. `attempt` is the submission the file goes in
 * with: once that attempt is submitted the file is part of what the tutor marked, so removing it
 * afterwards only hides it from the working copy (`removedAt`) and keeps the bytes.
 */
const moduleWorkFileSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    moduleCode: { type: String, required: true },
    recordId: { type: Schema.Types.ObjectId, required: true },
    attempt: { type: Number, required: true },
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    /** The type found in the content, not the one the browser claimed. */
    mimeType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    removedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
moduleWorkFileSchema.index({ recordId: 1, createdAt: 1 });
moduleWorkFileSchema.index({ fileId: 1 }, { unique: true });

export type ModuleWorkFileDoc = InferSchemaType<typeof moduleWorkFileSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const ModuleWorkFile = mongoose.model("ModuleWorkFile", moduleWorkFileSchema);
