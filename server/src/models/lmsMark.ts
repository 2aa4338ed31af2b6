import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A mark the LMS gradebook shows for a module column that the tool did not send: a tutor
 * entered or changed it in the LMS. Read back from AGS results and offered to tutors with its
 * source ("proposal"), or, when the tool's own mark changed too since the LMS last had it,
 * shown as a "conflict" for a person to settle. One document per value seen against one
 * baseline (the tool's last delivered score for the cell): `dedupeKey` is unique, so reading
 * back again never offers the same thing twice. Settled by a conditional update on `status: "open"`.
 */
const lmsMarkSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    moduleCode: { type: String, required: true },
    resourceId: { type: String, required: true },
    kind: { type: String, enum: ["proposal", "conflict"], required: true },
    status: { type: String, enum: ["open", "adopted", "dismissed", "withdrawn"], default: "open" },
    /** Where the mark came from, in words: the registration's name (e.g. "Canvas at canvas.example.edu"). */
    source: { type: String, required: true },
    lms: {
      resultScore: { type: Number, required: true },
      resultMaximum: { type: Number, required: true },
      comment: { type: String, default: null },
    },
    /** The tool's score the LMS was expected to show (its last delivered one), if any. */
    baseline: {
      gradeRecordId: { type: String, default: null },
      scoreGiven: { type: Number, default: null },
      scoreMaximum: { type: Number, default: null },
    },
    /** For a conflict: the tool's newer record not yet in the LMS. */
    toolRecordId: { type: String, default: null },
    seenAt: { type: Date, required: true },
    /** The module record and attempt the adopted mark was given to. */
    adopted: {
      recordId: { type: String, default: null },
      attempt: { type: Number, default: null },
      score: { type: Number, default: null },
    },
    settledBy: { type: String, default: null },
    settledAt: { type: Date, default: null },
    dedupeKey: { type: String, required: true },
  },
  { timestamps: true },
);
lmsMarkSchema.index({ dedupeKey: 1 }, { unique: true });
lmsMarkSchema.index({ tenantId: 1, contextId: 1, status: 1 });
lmsMarkSchema.index({ "adopted.recordId": 1, "adopted.attempt": 1 });

/** As stored (mongoose types nested paths as optional; the schema requires `lms`). */
export type LmsMarkDoc = InferSchemaType<typeof lmsMarkSchema> & {
  _id: mongoose.Types.ObjectId;
  lms: { resultScore: number; resultMaximum: number; comment: string | null };
};
export const LmsMark = mongoose.model("LmsMark", lmsMarkSchema);
