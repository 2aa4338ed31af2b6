import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One line of the credit ledger. Lines are only ever inserted: an award, then follow-ups on it
 * (ratification, reversal). Each line carries its effect on the running totals (the *Delta
 * fields) so the dashboard sums them with $group/$sum instead of keeping counters.
 *
 * `key` is unique and is what makes the ledger exactly-once on an engine whose conditional
 * updates are not atomic: an award's key names mentor, rule, qualification and programme
 * version; a follow-up's key names its award and its position (seq), so two racing decisions
 * on the same award cannot both land.
 */
const evidenceSchema = new Schema(
  {
    condition: { type: String, required: true },
    description: { type: String, required: true },
    reference: { type: String, default: null },
    at: { type: Date, default: null },
  },
  { _id: false },
);

const creditLedgerEntrySchema = new Schema(
  {
    key: { type: String, required: true },
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    kind: { type: String, enum: ["award", "ratification", "reversal"], required: true },
    /** The award this line belongs to (an award's own _id for the award line). */
    awardId: { type: Schema.Types.ObjectId, required: true },
    /** 0 for the award, then 1, 2... for each follow-up in order. */
    seq: { type: Number, required: true },
    mentorUserId: { type: String, required: true },
    mentorName: { type: String, required: true },
    ruleCode: { type: String, required: true },
    transcriptCode: { type: String, required: true },
    qualificationCode: { type: String, required: true },
    programmeCode: { type: String, required: true },
    programmeVersion: { type: Number, required: true },
    programmeVersionId: { type: String, required: true },
    credits: { type: Number, required: true },
    fheqLevel: { type: Number, required: true },
    evidence: { type: [evidenceSchema], default: [] },
    /** On an award through the prior-learning route: the required modules the route stood in for (the transcript names them). */
    waivedModules: { type: [String], default: undefined },
    reason: { type: String, default: null },
    /** A ratification's exam board: the day it met ("YYYY-MM-DD") and its minute or decision reference. */
    boardDate: { type: String, default: null },
    boardReference: { type: String, default: null },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    provisionalDelta: { type: Number, required: true },
    ratifiedDelta: { type: Number, required: true },
    reversedDelta: { type: Number, required: true },
  },
  { versionKey: false },
);
creditLedgerEntrySchema.index({ key: 1 }, { unique: true });
creditLedgerEntrySchema.index({ tenantId: 1, contextId: 1, awardId: 1, seq: 1 });
creditLedgerEntrySchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, kind: 1 });
creditLedgerEntrySchema.index({ tenantId: 1, contextId: 1, kind: 1, recordedAt: 1 });
creditLedgerEntrySchema.index({ tenantId: 1, contextId: 1, kind: 1, _id: 1 });

export type CreditLedgerEntryDoc = InferSchemaType<typeof creditLedgerEntrySchema> & { _id: mongoose.Types.ObjectId };
export const CreditLedgerEntry = mongoose.model("CreditLedgerEntry", creditLedgerEntrySchema);
