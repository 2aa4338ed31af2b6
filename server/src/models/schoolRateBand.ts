import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * The funding rate band a tutor or lead set for a school in a course. Each change is a new
 * document; the latest is in force, and a school without one is on the "national" band.
 */
const schoolRateBandSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    school: { type: String, required: true },
    band: { type: String, required: true },
    setBy: { type: String, required: true },
  },
  { timestamps: true },
);
schoolRateBandSchema.index({ tenantId: 1, contextId: 1, school: 1, createdAt: -1 });

export type SchoolRateBandDoc = InferSchemaType<typeof schoolRateBandSchema> & { _id: mongoose.Types.ObjectId };
export const SchoolRateBand = mongoose.model("SchoolRateBand", schoolRateBandSchema);
