import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const moduleStatuses = ["in_progress", "submitted", "returned", "graded"] as const;

/**
 * A mentor's work on one module in one course. Created when the mentor starts the module; every
 * later change is a conditional update on the status and attempt it expects, so a reflection
 * save, a submission and a mark cannot overwrite each other. Completed activities live in
 * ActivityCompletion; submissions and marks are their own documents keyed by attempt, and the
 * record follows them (commands/submitModuleWork.ts, markModuleWork.ts).
 */
const moduleRecordSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    moduleCode: { type: String, required: true },
    /** The programme version the mentor started the module under. */
    versionId: { type: String, required: true },
    status: { type: String, enum: moduleStatuses, default: "in_progress" },
    reflection: { type: String, default: "" },
    /** Submissions so far; the current one when status is "submitted". */
    attempt: { type: Number, default: 0 },
    submittedAt: { type: Date, default: null },
    /** Set by a mark; true once passed (and then the record is closed). */
    passed: { type: Boolean, default: false },
  },
  { timestamps: true },
);
moduleRecordSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, moduleCode: 1 }, { unique: true });
moduleRecordSchema.index({ tenantId: 1, contextId: 1, status: 1, submittedAt: 1 });

export type ModuleRecordDoc = InferSchemaType<typeof moduleRecordSchema> & { _id: mongoose.Types.ObjectId };
export const ModuleRecord = mongoose.model("ModuleRecord", moduleRecordSchema);
