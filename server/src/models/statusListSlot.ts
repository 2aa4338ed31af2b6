import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A certificate's position in its platform's W3C Bitstring Status List (revocation). Positions
 * are handed out by an atomic counter per platform and never reused.
 */
const statusListSlotSchema = new Schema(
  {
    /** The certificate's id. */
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    /** The list's public id: a hash of the platform, so its internal id is not published. */
    listId: { type: String, required: true },
    index: { type: Number, required: true },
  },
  { versionKey: false },
);
statusListSlotSchema.index({ tenantId: 1, index: 1 }, { unique: true });
statusListSlotSchema.index({ listId: 1 });

/** The next free position per platform. */
const statusListCounterSchema = new Schema(
  { _id: { type: String, required: true }, next: { type: Number, required: true } },
  { versionKey: false },
);

export type StatusListSlotDoc = InferSchemaType<typeof statusListSlotSchema>;
export const StatusListSlot = mongoose.model("StatusListSlot", statusListSlotSchema);
export const StatusListCounter = mongoose.model("StatusListCounter", statusListCounterSchema);
