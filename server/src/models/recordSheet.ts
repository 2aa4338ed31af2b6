import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A mentor's record sheet for a qualification the programme certifies by sign-off: the values of
 * the fields the programme defines, then the signature of the second person it names, then the
 * programme lead's release (which issues the certificate). One per mentor and qualification; every
 * change is one conditional update on `version` and `status`.
 */
const recordSheetSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    mentorName: { type: String, required: true },
    qualificationCode: { type: String, required: true },
    values: { type: [{ code: String, value: String, _id: false }], default: [] },
    status: { type: String, enum: ["draft", "submitted", "signed", "released"], default: "draft" },
    version: { type: Number, default: 0 },
    programme: { versionId: String, code: String, version: Number },
    submittedAt: { type: Date, default: null },
    signedBy: { type: String, default: null },
    signedByName: { type: String, default: null },
    signedAs: { type: String, enum: ["linkTutor", "leadMentor", "coordinatingMentor", null], default: null },
    signedAt: { type: Date, default: null },
    signOffComment: { type: String, default: "" },
    releasedAt: { type: Date, default: null },
    releasedBy: { type: String, default: null },
  },
  { timestamps: true },
);
recordSheetSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, qualificationCode: 1 }, { unique: true });
recordSheetSchema.index({ tenantId: 1, contextId: 1, status: 1 });

export type RecordSheetDoc = InferSchemaType<typeof recordSheetSchema> & { _id: mongoose.Types.ObjectId };
export const RecordSheet = mongoose.model("RecordSheet", recordSheetSchema);
