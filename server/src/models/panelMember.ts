import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** A person sitting on a panel round; one document per member. */
const panelMemberSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    addedBy: { type: String, required: true },
  },
  { timestamps: true },
);
panelMemberSchema.index({ roundId: 1, userId: 1 }, { unique: true });
panelMemberSchema.index({ tenantId: 1, contextId: 1, userId: 1 });

export type PanelMemberDoc = InferSchemaType<typeof panelMemberSchema> & { _id: mongoose.Types.ObjectId };
export const PanelMember = mongoose.model("PanelMember", panelMemberSchema);
