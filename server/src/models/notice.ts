import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** A message for a mentor shown on their home page (outcome released, certificate revoked). */
const noticeSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    /** What the notice is about, once: e.g. "release:<versionId>". Makes telling idempotent. */
    key: { type: String, required: true },
    kind: { type: String, enum: ["outcome_released", "certificate_revoked"], required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    /** The client route to open, e.g. "/portfolio/<id>". */
    link: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
noticeSchema.index({ tenantId: 1, contextId: 1, key: 1 }, { unique: true });
noticeSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, createdAt: -1 });

export type NoticeDoc = InferSchemaType<typeof noticeSchema> & { _id: mongoose.Types.ObjectId };
export const Notice = mongoose.model("Notice", noticeSchema);
