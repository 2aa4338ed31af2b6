import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { keptInBin, type Binned } from "./binned";

/** One session of mentor training in the hours ledger a school's funding claim is built from; a removed entry stays in the bin for 30 days (models/binned.ts). */
const trainingHoursEntrySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    versionId: { type: String, required: true },
    /** The calendar day of the training, "YYYY-MM-DD". */
    date: { type: String, required: true },
    /** "2025/26": 1 September to 31 August. */
    academicYear: { type: String, required: true },
    activity: { type: String, required: true },
    hours: { type: Number, required: true },
    kind: { type: String, enum: ["initial", "refresher"], required: true },
    /** The accredited provider that gave the training: caps apply per provider. */
    provider: { type: String, default: null },
    /** The lead mentor who delivered it, or the session it was part of. */
    deliveredBy: { type: String, default: null },
    /** "exempted": recognised through prior learning, so kept in the ledger but never funded. */
    status: { type: String, enum: ["completed", "exempted"], default: "completed" },
    /** The mentor's school when the hours were logged (claims are made per school). */
    school: { type: String, default: null },
    /** That school's URN, as the mentor had entered it then. */
    schoolUrn: { type: String, default: null },
    /** Set on hours recognised from another partnership's signed training record (always exempted here). */
    recognisedFrom: {
      type: { issuerId: String, issuerName: String, subjectId: String, _id: false },
      default: null,
    },
    loggedBy: { type: String, required: true },
    loggedByName: { type: String, required: true },
  },
  { timestamps: true },
);
trainingHoursEntrySchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, academicYear: 1, date: 1 });
trainingHoursEntrySchema.index({ tenantId: 1, contextId: 1, academicYear: 1, school: 1 });
trainingHoursEntrySchema.index({ tenantId: 1, contextId: 1, academicYear: 1, schoolUrn: 1 });

keptInBin(trainingHoursEntrySchema);

export type TrainingHoursEntryDoc = InferSchemaType<typeof trainingHoursEntrySchema> & {
  _id: mongoose.Types.ObjectId;
} & Binned;
export const TrainingHoursEntry = mongoose.model("TrainingHoursEntry", trainingHoursEntrySchema);
