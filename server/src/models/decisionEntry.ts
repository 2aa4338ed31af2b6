import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One entry of a course's tamper-evident decision record: who did what (judgement, outcome,
 * moderation, release, mark change, ratification, reversal, revocation), in which role, when,
 * from what to what, and why. Entries are only ever inserted; each carries the SHA-256 of its
 * canonical content and the previous entry's hash, so an edited or deleted entry breaks the chain.
 */
const decisionEntrySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    /** Position in the course's chain, from 1. */
    seq: { type: Number, required: true },
    kind: { type: String, required: true },
    actorUserId: { type: String, required: true },
    actorName: { type: String, required: true },
    actorRole: { type: String, required: true },
    at: { type: Date, required: true },
    mentorUserId: { type: String, default: null },
    roundId: { type: String, default: null },
    /** What the entry is about, e.g. "version:<id>", "certificate:<id>", "round:<id>". */
    subject: { type: String, required: true },
    before: { type: String, default: null },
    after: { type: String, default: null },
    reason: { type: String, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    /** The event's own key when its source owes it (e.g. "panel-decision:<id>"): appended once. Not hashed. */
    eventKey: { type: String, default: null },
  },
  { versionKey: false },
);
// The unique position makes a fork impossible: two appends on the same head cannot both land.
decisionEntrySchema.index({ tenantId: 1, contextId: 1, seq: 1 }, { unique: true });
decisionEntrySchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1 });
decisionEntrySchema.index({ tenantId: 1, contextId: 1, roundId: 1 });
decisionEntrySchema.index({ tenantId: 1, contextId: 1, eventKey: 1 });

/** The head of a course's chain (its last position and hash); moved only by a conditional update. */
const decisionChainHeadSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false },
);

export type DecisionEntryDoc = InferSchemaType<typeof decisionEntrySchema> & { _id: mongoose.Types.ObjectId };
export const DecisionEntry = mongoose.model("DecisionEntry", decisionEntrySchema);
export const DecisionChainHead = mongoose.model("DecisionChainHead", decisionChainHeadSchema);
