import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One correction of a mark, kept on the mark itself: what it was, what it became, who changed it
 * and why. The corrections array only grows; the mark's own score, passed and feedback are the
 * current ones (the latest correction's `after`).
 */
const markCorrectionSchema = new Schema(
  {
    /** The mark's revision this correction made (1 for the first correction). */
    revision: { type: Number, required: true },
    before: {
      score: { type: Number, default: null },
      passed: { type: Boolean, required: true },
      feedback: { type: String, required: true },
    },
    after: {
      score: { type: Number, default: null },
      passed: { type: Boolean, required: true },
      feedback: { type: String, required: true },
    },
    reason: { type: String, required: true },
    correctedBy: { type: String, required: true },
    correctedByName: { type: String, required: true },
    correctedByRoles: { type: [String], default: [] },
    correctedAt: { type: Date, required: true },
    /** Set when the correction adopts a mark read back from the LMS gradebook (models/lmsMark.ts). */
    lmsMarkId: { type: String, default: null },
    /** The adopted mark is already what the LMS shows: its grade is recorded as delivered, never sent back. */
    isAlreadyInLms: { type: Boolean, default: false },
    gradeRecordId: { type: String, default: null },
    /** When this correction's follow-ups (grade, record, credit, decision record, notice) were done. */
    followUpsDoneAt: { type: Date, default: null },
  },
  { _id: false },
);

/**
 * A tutor's decision on one submitted attempt: a mark, or a return for more work. The unique
 * (record, attempt) index is what makes marking exactly-once: of two tutors marking at the same
 * moment, one insert wins and the other is told the work is already marked. A correction is one
 * conditional update of this document on its `revision` (commands/correctModuleMark.ts): of two
 * corrections made on the same revision one lands, and the old mark stays in `corrections`.
 */
const moduleMarkSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    recordId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    moduleCode: { type: String, required: true },
    attempt: { type: Number, required: true },
    versionId: { type: String, required: true },
    kind: { type: String, enum: ["mark", "return"], required: true },
    /** For a mark: the score (pass_resubmit: 1 pass, 0 resubmit) out of scoreMaximum. */
    score: { type: Number, default: null },
    scoreMaximum: { type: Number, default: null },
    passed: { type: Boolean, default: false },
    feedback: { type: String, required: true },
    markedBy: { type: String, required: true },
    markedByName: { type: String, required: true },
    /** The roles the marker acted in, for the decision record. */
    markedByRoles: { type: [String], default: [] },
    /** 0 for the mark as first given; each correction adds one. Corrections are conditional on it. */
    revision: { type: Number, default: 0 },
    corrections: { type: [markCorrectionSchema], default: [] },
    gradeRecordId: { type: String, default: null },
    /**
     * When the mark's follow-ups (record, grade, credit check, decision record, notice) were done;
     * null while pending (see sweepMarkFollowUps). A correction sets it back to null.
     */
    followUpsDoneAt: { type: Date, default: null },
  },
  { timestamps: true },
);
moduleMarkSchema.index({ recordId: 1, attempt: 1 }, { unique: true });
moduleMarkSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, moduleCode: 1 });

export type MarkCorrection = InferSchemaType<typeof markCorrectionSchema> & {
  before: { score: number | null; passed: boolean; feedback: string };
  after: { score: number | null; passed: boolean; feedback: string };
};
export type ModuleMarkDoc = Omit<InferSchemaType<typeof moduleMarkSchema>, "corrections"> & {
  _id: mongoose.Types.ObjectId;
  corrections: MarkCorrection[];
  createdAt?: Date;
  updatedAt?: Date;
};
export const ModuleMark = mongoose.model("ModuleMark", moduleMarkSchema);
