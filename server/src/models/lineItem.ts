import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * Where a gradebook column lives on the platform: our stable resourceId in one course, mapped
 * to the platform's line item URL. The unique index is what stops two processes that both
 * created the column at the LMS from both keeping it: the second insert fails, and that
 * process deletes its own duplicate.
 */
const lineItemSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    /** e.g. "module:M1", "portfolio:MASTERY", "credit:M-LEVEL-30". */
    resourceId: { type: String, required: true },
    url: { type: String, required: true },
    label: { type: String, required: true },
    scoreMaximum: { type: Number, required: true },
  },
  { timestamps: true },
);
lineItemSchema.index({ tenantId: 1, contextId: 1, resourceId: 1 }, { unique: true });

export type LineItemDoc = InferSchemaType<typeof lineItemSchema> & { _id: mongoose.Types.ObjectId };
export const LineItem = mongoose.model("LineItem", lineItemSchema);
