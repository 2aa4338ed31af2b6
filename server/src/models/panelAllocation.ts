import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * Which reviewer a submitted portfolio version is allocated to in its panel round (issue #14
 * item 4): one document per version, written by the programme lead's allocation (automatic or
 * per portfolio). Each change is one update that also carries the decision-record entry it owes
 * (`pendingEntry`), appended straight after and then cleared, or by the panel-follow-ups sweep.
 */
const panelAllocationSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    roundId: { type: Schema.Types.ObjectId, required: true },
    versionId: { type: Schema.Types.ObjectId, required: true },
    mentorUserId: { type: String, required: true },
    reviewerUserId: { type: String, required: true },
    /**
     * The reviewer works at the mentor's school: allowed only because no other eligible reviewer
     * sat on the round when it was allocated, and shown to the lead as a flag.
     */
    isSameSchool: { type: Boolean, default: false },
    allocatedBy: { type: String, required: true },
    allocatedByName: { type: String, required: true },
    allocatedAt: { type: Date, required: true },
    /** How many times it has been allocated: each change is conditional on the count it read. */
    changes: { type: Number, default: 1 },
    /** The decision-record entry this change still owes (see commands/allocatePortfolios.ts); null once appended. */
    pendingEntry: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true },
);
// One allocation per version: two racing first allocations cannot both land.
panelAllocationSchema.index({ versionId: 1 }, { unique: true });
panelAllocationSchema.index({ tenantId: 1, contextId: 1, roundId: 1 });
panelAllocationSchema.index({ tenantId: 1, contextId: 1, reviewerUserId: 1 });
panelAllocationSchema.index({ pendingEntry: 1, allocatedAt: 1 });

export type PanelAllocationDoc = InferSchemaType<typeof panelAllocationSchema> & { _id: mongoose.Types.ObjectId };
export const PanelAllocation = mongoose.model("PanelAllocation", panelAllocationSchema);
