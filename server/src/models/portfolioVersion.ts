import mongoose, { Schema, type InferSchemaType } from "mongoose";

const frozenEvidence = new Schema(
  {
    evidenceId: { type: String, required: true },
    title: String,
    practiceDate: Date,
    narrativeHtml: String,
    links: [{ _id: false, url: String, label: String }],
    standards: [{ _id: false, standardCode: String, descriptorCode: { type: String, default: null }, note: String }],
    attachments: [
      { _id: false, id: String, fileId: String, filename: String, mimeType: String, size: Number, uploadedAt: Date },
    ],
  },
  { _id: false },
);

/**
 * A submitted, numbered snapshot of a portfolio: what the panel sees. Its content is written
 * once at submission and never updated; no endpoint writes it. Only `roundId` (which panel
 * round it sits in) moves, under the version check. Outcomes are PanelDecision documents.
 */
const portfolioVersionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    mentorName: { type: String, required: true },
    portfolioId: { type: Schema.Types.ObjectId, required: true },
    qualificationCode: { type: String, required: true },
    number: { type: Number, required: true },
    previousVersionId: { type: Schema.Types.ObjectId, default: null },
    narrativeHtml: { type: String, default: "" },
    priorLearning: { type: Boolean, default: false },
    /** Through the prior-learning route: the mentor's statement and the route's rules as they stood at submission. */
    priorLearningStatement: { type: String, default: "" },
    priorLearningRoute: {
      type: new Schema(
        {
          waivesModules: { type: [String], default: [] },
          evidenceWithinYears: { type: Number, default: null },
          statementMinLength: { type: Number, default: 0 },
          earnsCredit: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    programme: { versionId: String, code: String, version: Number },
    evidence: { type: [frozenEvidence], default: [] },
    submittedBy: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    roundId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
// The unique number is what makes two racing submissions produce one version, not two.
portfolioVersionSchema.index({ portfolioId: 1, number: 1 }, { unique: true });
portfolioVersionSchema.index({ tenantId: 1, contextId: 1, roundId: 1, submittedAt: 1 });
portfolioVersionSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1 });
portfolioVersionSchema.index({ "evidence.evidenceId": 1 });
portfolioVersionSchema.index({ "evidence.attachments.id": 1 });

export type PortfolioVersionDoc = InferSchemaType<typeof portfolioVersionSchema> & { _id: mongoose.Types.ObjectId };
export const PortfolioVersion = mongoose.model("PortfolioVersion", portfolioVersionSchema);
