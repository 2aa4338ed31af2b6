import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A grade for the LMS gradebook, and its delivery state. Inserting one is the single write that
 * both records a mark and queues it for passback (the outbox), so nothing can be marked but not
 * sent. Records are never edited except for their `delivery` fields; a new mark is a new record.
 */
const gradeRecordSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    /** The LTI user id (sub) of the mentor the grade is for. */
    mentorUserId: { type: String, required: true },
    source: {
      kind: { type: String, enum: ["module", "portfolio", "credit"], required: true },
      /** What was graded, e.g. the module record or portfolio version id. */
      id: { type: String, required: true },
    },
    lineItem: {
      /** Stable AGS resourceId, e.g. "module:M1", "portfolio:MASTERY", "credit:M-LEVEL-30". */
      resourceId: { type: String, required: true },
      label: { type: String, required: true },
      scoreMaximum: { type: Number, required: true },
    },
    /** Null for a progress report without a score (work submitted, or returned for resubmission). */
    scoreGiven: { type: Number, default: null },
    /**
     * What the score tells the LMS about the work: a mark is Completed/FullyGraded; a submission
     * is Submitted/PendingManual (the LMS lists it as needing marking); work returned for
     * resubmission is InProgress/Pending. Only FullyGraded records carry a score.
     */
    progress: {
      activity: { type: String, enum: ["Completed", "Submitted", "InProgress"], default: "Completed" },
      grading: { type: String, enum: ["FullyGraded", "PendingManual", "Pending"], default: "FullyGraded" },
    },
    /** When the mentor submitted the work this record reports (submissions only). */
    submittedAt: { type: Date, default: null },
    comment: { type: String, default: null },
    gradedBy: { type: String, required: true },
    gradedAt: { type: Date, required: true },
    delivery: {
      status: { type: String, enum: ["pending", "delivered", "failed", "superseded"], default: "pending" },
      attempts: { type: Number, default: 0 },
      nextAttemptAt: { type: Date, default: () => new Date() },
      leaseOwner: { type: String, default: null },
      leaseExpiresAt: { type: Date, default: null },
      deliveredAt: { type: Date, default: null },
      /** The timestamp sent to the LMS (strictly increasing per user and line item). */
      sentTimestamp: { type: Date, default: null },
      lastError: { type: String, default: null },
      /** HTTP status of the last refusal, when the LMS answered at all. */
      lastStatus: { type: Number, default: null },
      /** The newer mark that replaced this one before it was sent. */
      supersededBy: { type: String, default: null },
    },
    /** (tenant, course, mentor, line item) in one string: the unit deliveries are serialised on. */
    cellKey: { type: String, default: null },
    /**
     * Makes queueing idempotent: the event that produced the grade (e.g. "module-mark:<id>"), so
     * a retry after a crash cannot queue it twice. Unique; a fresh id when the caller gives none.
     */
    dedupeKey: { type: String, required: true, default: () => new mongoose.Types.ObjectId().toString() },
  },
  { timestamps: true },
);
gradeRecordSchema.index({ "delivery.status": 1, "delivery.nextAttemptAt": 1 });
gradeRecordSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, "lineItem.resourceId": 1, gradedAt: -1 });
gradeRecordSchema.index({ tenantId: 1, contextId: 1, "delivery.status": 1 });
gradeRecordSchema.index({ cellKey: 1, gradedAt: -1 });
gradeRecordSchema.index({ dedupeKey: 1 }, { unique: true });
gradeRecordSchema.index({ cellKey: 1, "delivery.sentTimestamp": -1 });

/** The cell a mark belongs to: one mentor on one line item in one course of one platform. */
export function gradeCellKey(r: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  lineItem: { resourceId: string };
}): string {
  return JSON.stringify([r.tenantId, r.contextId, r.mentorUserId, r.lineItem.resourceId]);
}
// Set on every insert, so no caller of the outbox can forget it.
gradeRecordSchema.pre("validate", function setCellKey() {
  if (!this.cellKey && this.lineItem?.resourceId) this.cellKey = gradeCellKey(this as never);
});

export type GradeRecordDoc = InferSchemaType<typeof gradeRecordSchema> & { _id: mongoose.Types.ObjectId };
export const GradeRecord = mongoose.model("GradeRecord", gradeRecordSchema);
