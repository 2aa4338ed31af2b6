import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A tutor's decision on one submitted attempt: a mark, or a return for more work. The unique
 * (record, attempt) index is what makes marking exactly-once: of two tutors marking at the same
 * moment, one insert wins and the other is told the work is already marked.
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
    gradeRecordId: { type: String, default: null },
    /** When the mark's follow-ups (record, grade, credit check) were done; null while pending (see sweepMarkFollowUps). */
    followUpsDoneAt: { type: Date, default: null },
  },
  { timestamps: true },
);
moduleMarkSchema.index({ recordId: 1, attempt: 1 }, { unique: true });
moduleMarkSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, moduleCode: 1 });

export type ModuleMarkDoc = InferSchemaType<typeof moduleMarkSchema> & { _id: mongoose.Types.ObjectId };
export const ModuleMark = mongoose.model("ModuleMark", moduleMarkSchema);
