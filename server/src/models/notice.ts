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
  "comment_reply",
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** Where a notice's e-mail copy is (commands/emailNotice.ts); null when e-mail was off as it was told. */
export const noticeEmailStates = ["pending", "sent", "no_address", "failed"] as const;

/**
 * A message for a person (a mentor, or a tutor or lead mentor answered in a comment thread) shown on
 * their home page and notifications list (see commands/tellMentor.ts). With SMTP_URL set it is also
 * e-mailed: the notice itself is the outbox (emailState "pending"), so telling and queueing are one write.
 */
const noticeSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    /** Whom it tells: the mentor, or (for a reply in a comment thread) the tutor or lead mentor. */
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
    emailState: { type: String, enum: [...noticeEmailStates, null], default: null },
    /** Tries so far; the next is not before emailNextAt (also held forward while a try is sending). */
    emailAttempts: { type: Number, default: 0 },
    emailNextAt: { type: Date, default: null },
    emailSentAt: { type: Date, default: null },
    emailError: { type: String, default: null },
  },
  { versionKey: false },
);
noticeSchema.index({ tenantId: 1, contextId: 1, key: 1 }, { unique: true });
noticeSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, createdAt: -1 });
noticeSchema.index({ emailState: 1, emailNextAt: 1 });

export type NoticeDoc = InferSchemaType<typeof noticeSchema> & { _id: mongoose.Types.ObjectId };
export const Notice = mongoose.model("Notice", noticeSchema);
