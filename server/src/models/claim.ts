import mongoose, { Schema } from "mongoose";

/** A one-time claim on a key (`db/exclusive.ts` claimOnce); being retired for conditional updates. */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);

export const Claim = mongoose.model("Claim", claimSchema);
