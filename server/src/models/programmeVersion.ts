import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One immutable programme definition. Records (module work, audits, hours) store the id of the
 * version they were made under, so a provider loading a new programme never rewrites history.
 * `_id` is derived from the owner and the definition's content hash, so loading the same file
 * twice yields the same version.
 */
const programmeVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The platform that loaded it, or "*" for the programme shipped with the tool. */
    tenantId: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: Number, required: true },
    contentHash: { type: String, required: true },
    definition: { type: Schema.Types.Mixed, required: true },
    loadedBy: { type: String, default: null },
  },
  { timestamps: true, minimize: false },
);
// One content per (owner, code, version): a changed programme must carry a new version number.
programmeVersionSchema.index({ tenantId: 1, code: 1, version: 1 }, { unique: true });

export type ProgrammeVersionDoc = InferSchemaType<typeof programmeVersionSchema>;
export const ProgrammeVersion = mongoose.model("ProgrammeVersion", programmeVersionSchema);
