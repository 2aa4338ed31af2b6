import mongoose, { Schema } from "mongoose";

/**
 * A one-time claim on a key. Inserting a document with a unique _id is the one write that is
 * atomic on both MongoDB and the embedded FerretDB engine (whose conditional updates and $inc
 * are read-modify-write and can race), so every compare-and-set in the tool goes through here.
 */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);

export const Claim = mongoose.model("Claim", claimSchema);
