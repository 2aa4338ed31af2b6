import mongoose, { Schema } from "mongoose";

/**
 * Who is sending one grade cell (or making one gradebook column) until when. Taken with a
 * conditional upsert on an expired or absent lease and deleted by its holder when done, so one
 * document per cell at most; one left by a crashed worker is simply taken over once it expires.
 */
const gradeCellLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);

export const GradeCellLease = mongoose.model("GradeCellLease", gradeCellLeaseSchema);
