import mongoose, { Schema, type InferSchemaType } from "mongoose";

const scope = {
  tenantId: { type: String, required: true },
  contextId: { type: String, required: true },
  versionId: { type: Schema.Types.ObjectId, required: true },
  roundId: { type: Schema.Types.ObjectId, required: true },
};

/** One reviewer's judgement of one standard in one version (met / more evidence needed). */
const panelJudgementSchema = new Schema(
  {
    ...scope,
    reviewerUserId: { type: String, required: true },
    reviewerName: { type: String, required: true },
    standardCode: { type: String, required: true },
    judgement: { type: String, enum: ["met", "more_evidence"], required: true },
    comment: { type: String, default: "" },
  },
  { timestamps: true },
);
panelJudgementSchema.index({ versionId: 1, reviewerUserId: 1, standardCode: 1 }, { unique: true });

/**
 * One reviewer's recommended outcome for a version with the judgements it rests on, written once
 * in one insert and never changed: judgements and outcome cannot part company.
 */
const panelReviewSchema = new Schema(
  {
    ...scope,
    reviewerUserId: { type: String, required: true },
    reviewerName: { type: String, required: true },
    /** Per standard: met, or more evidence needed with the suggestion that says what would show it. */
    judgements: { type: [{ standardCode: String, judgement: String, comment: String, _id: false }], default: [] },
    outcome: { type: String, enum: ["approved", "resubmit"], required: true },
    summary: { type: String, required: true },
    suggestions: { type: String, default: "" },
  },
  { timestamps: true },
);
panelReviewSchema.index({ versionId: 1, reviewerUserId: 1 }, { unique: true });
panelReviewSchema.index({ tenantId: 1, contextId: 1, roundId: 1 });

/**
 * The final outcome for a version, with who, when and on what basis. The unique index on
 * versionId makes recording it a single atomic insert: a version is decided once.
 */
const panelDecisionSchema = new Schema(
  {
    ...scope,
    portfolioId: { type: Schema.Types.ObjectId, required: true },
    mentorUserId: { type: String, required: true },
    outcome: { type: String, enum: ["approved", "resubmit"], required: true },
    summary: { type: String, required: true },
    suggestions: { type: String, default: "" },
    basis: {
      type: String,
      enum: ["single_review", "agreed_reviews", "lead_resolution", "lead_moderation"],
      required: true,
    },
    /**
     * When the programme lead released the round: until then the outcome is the panel's alone
     * (the mentor sees "with the panel", nothing is issued). Release sets it once.
     */
    releasedAt: { type: Date, default: null },
    releasedBy: { type: String, default: null },
    decidedBy: { type: String, required: true },
    decidedByName: { type: String, required: true },
    decidedAt: { type: Date, required: true },
    /**
     * Set once the decision's follow-ups (gradebook, certificate, credit) have all run. The
     * decision is their outbox: a server that dies in between leaves this null for the sweep.
     */
    followUpsDoneAt: { type: Date, default: null },
    /**
     * The decision-record entry this decision still owes (commands/decisionRecord.ts): saved with
     * the decision in its one insert and cleared once appended, so a crash in between leaves it
     * for the panel-follow-ups job (`sweepPendingDecisionEntries`). Null (or absent) when recorded.
     */
    pendingEntry: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true },
);
panelDecisionSchema.index({ versionId: 1 }, { unique: true });
panelDecisionSchema.index({ followUpsDoneAt: 1, decidedAt: 1 });
panelDecisionSchema.index({ roundId: 1, releasedAt: 1 });
panelDecisionSchema.index({ tenantId: 1, contextId: 1, outcome: 1 });

export type PanelJudgementDoc = InferSchemaType<typeof panelJudgementSchema> & {
  _id: mongoose.Types.ObjectId;
  updatedAt: Date;
};
export type PanelReviewDoc = InferSchemaType<typeof panelReviewSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export type PanelDecisionDoc = InferSchemaType<typeof panelDecisionSchema> & { _id: mongoose.Types.ObjectId };
export const PanelJudgement = mongoose.model("PanelJudgement", panelJudgementSchema);
export const PanelReview = mongoose.model("PanelReview", panelReviewSchema);
export const PanelDecision = mongoose.model("PanelDecision", panelDecisionSchema);
