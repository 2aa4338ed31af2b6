import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** What a notice tells a mentor about. */
export const noticeKinds = [
  "outcome_released",
  "certificate_issued",
  "certificate_revoked",
  "module_marked",
  "module_returned",
  "evidence_comment",
  "hours_over_cap",
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** A message for a mentor shown on their home page and notifications list (see commands/tellMentor.ts). */
const noticeSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    /** What the notice is about, once: e.g. "release:<versionId>". Makes telling idempotent. */
    key: { type: String, required: true },
    kind: { type: String, enum: noticeKinds, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    /** The client route to open, e.g. "/portfolio/<id>". */
    link: { type: String, default: null },
    createdAt: { type: Date, required: true },
    /** When the mentor marked it read; null while it is new to them. */
    readAt: { type: Date, default: null },
  },
  { versionKey: false },
);
noticeSchema.index({ tenantId: 1, contextId: 1, key: 1 }, { unique: true });
noticeSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, createdAt: -1 });

export type NoticeDoc = InferSchemaType<typeof noticeSchema> & { _id: mongoose.Types.ObjectId };
export const Notice = mongoose.model("Notice", noticeSchema);
