import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * Training another partnership recorded for a mentor, recognised here from the signed training
 * record the mentor or a lead imported: one document per mentor and issuer's record of them,
 * replaced by a newer record from the same issuer. Its hours are also in the hours ledger as
 * exempted entries (never funded here); its modules and certificates are shown, not re-awarded.
 */
const recognisedTrainingSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    /** The issuer's profile address, whose published key verified the record. */
    issuerId: { type: String, required: true },
    issuerName: { type: String, required: true },
    /** The mentor's id at the issuer (the credential subject). */
    subjectId: { type: String, required: true },
    credentialId: { type: String, required: true },
    /** When the issuer signed the record; an older record never replaces a newer one. */
    issuedAt: { type: Date, required: true },
    hours: {
      type: [
        {
          academicYear: String,
          kind: String,
          provider: String,
          completedHours: Number,
          exemptedHours: Number,
          firstDate: String,
          lastDate: String,
          _id: false,
        },
      ],
      default: [],
    },
    modules: { type: [{ code: String, title: String, _id: false }], default: [] },
    certificates: { type: [{ title: String, _id: false }], default: [] },
    importedBy: { type: String, required: true },
    importedByName: { type: String, required: true },
    importedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
recognisedTrainingSchema.index(
  { tenantId: 1, contextId: 1, mentorUserId: 1, issuerId: 1, subjectId: 1 },
  { unique: true },
);

export type RecognisedTrainingDoc = InferSchemaType<typeof recognisedTrainingSchema> & { _id: mongoose.Types.ObjectId };
export const RecognisedTraining = mongoose.model("RecognisedTraining", recognisedTrainingSchema);
