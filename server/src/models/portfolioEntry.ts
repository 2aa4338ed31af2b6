import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** A piece of evidence included in a portfolio's working draft; one document per inclusion. */
const portfolioEntrySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    portfolioId: { type: Schema.Types.ObjectId, required: true },
    evidenceId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
portfolioEntrySchema.index({ portfolioId: 1, evidenceId: 1 }, { unique: true });
portfolioEntrySchema.index({ evidenceId: 1 });

export type PortfolioEntryDoc = InferSchemaType<typeof portfolioEntrySchema> & { _id: mongoose.Types.ObjectId };
export const PortfolioEntry = mongoose.model("PortfolioEntry", portfolioEntrySchema);
