import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A mentor's working draft for one qualification: the overall narrative. The evidence it holds
 * is PortfolioEntry documents; submitted snapshots are PortfolioVersion documents. Its status is
 * worked out from its latest version, never stored, so it cannot drift.
 */
const portfolioSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    mentorName: { type: String, required: true },
    qualificationCode: { type: String, required: true },
    narrativeHtml: { type: String, default: "" },
    /** The mentor applies through the prior-learning route with this statement of experience; kept for every resubmission until changed. */
    priorLearning: { applying: { type: Boolean, default: false }, statement: { type: String, default: "" } },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
portfolioSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, qualificationCode: 1 }, { unique: true });

export type PortfolioDoc = InferSchemaType<typeof portfolioSchema> & { _id: mongoose.Types.ObjectId; updatedAt: Date };
export const Portfolio = mongoose.model("Portfolio", portfolioSchema);
