import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * What a person has typed into a form and not yet saved (#17 item 2): one document per person,
 * course and form, replaced whole by each save (one upsert) and deleted once the real save
 * succeeds or the person discards it. Only its author reads or writes it.
 */
const draftSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    userId: { type: String, required: true },
    /** Which form, e.g. "evidence:new" (see contracts/drafts.ts). */
    formKey: { type: String, required: true },
    title: { type: String, default: "" },
    fields: { type: [{ _id: false, name: String, label: String, value: String }], default: [] },
    savedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The upsert's filter is exactly this key, so two racing saves never make two drafts.
draftSchema.index({ tenantId: 1, contextId: 1, userId: 1, formKey: 1 }, { unique: true });

export type DraftDoc = InferSchemaType<typeof draftSchema> & { _id: mongoose.Types.ObjectId };
export const Draft = mongoose.model("Draft", draftSchema);
