import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** A meeting of the review panel (about three a year). Members are PanelMember documents. */
const panelRoundSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    name: { type: String, required: true },
    /** The day the panel meets (UTC midnight). */
    date: { type: Date, required: true },
    status: { type: String, enum: ["open", "closed"], default: "open" },
    createdBy: { type: String, required: true },
    /** When the programme lead released the round's outcomes to mentors (once, never undone). */
    releasedAt: { type: Date, default: null },
    releasedBy: { type: String, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
panelRoundSchema.index({ tenantId: 1, contextId: 1, status: 1, date: 1 });

export type PanelRoundDoc = InferSchemaType<typeof panelRoundSchema> & { _id: mongoose.Types.ObjectId };
export const PanelRound = mongoose.model("PanelRound", panelRoundSchema);
