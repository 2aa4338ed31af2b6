import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * What a mentor submitted for one attempt at a module: a frozen copy the tutor marks, kept
 * even after the mentor revises their work. Unique per record and attempt: inserting it is the
 * submission, and the outbox of its follow-ups (commands/submitModuleWork.ts).
 */
const moduleSubmissionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    recordId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    moduleCode: { type: String, required: true },
    attempt: { type: Number, required: true },
    versionId: { type: String, required: true },
    reflection: { type: String, required: true },
    completedActivities: { type: [String], default: [] },
    submittedAt: { type: Date, required: true },
    /** When the record was moved to "submitted" and the LMS told; null while pending. */
    followUpsDoneAt: { type: Date, default: null },
  },
  { timestamps: true },
);
moduleSubmissionSchema.index({ recordId: 1, attempt: 1 }, { unique: true });

export type ModuleSubmissionDoc = InferSchemaType<typeof moduleSubmissionSchema> & { _id: mongoose.Types.ObjectId };
export const ModuleSubmission = mongoose.model("ModuleSubmission", moduleSubmissionSchema);
