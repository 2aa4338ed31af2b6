import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * Who supports one mentor in one course: their lead mentor and their link tutor. One document per
 * mentor, so a change is one write. The lead mentor comes from the LMS (the lead mentor's launch
 * carried role_scope_mentor naming this mentor) or from a programme lead in the tool; the link
 * tutor only from a programme lead.
 */
const mentorSupportSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    leadMentorUserId: { type: String, default: null },
    /** "lms": from role_scope_mentor, kept in step with the lead mentor's launches; "programmeLead": set in the tool. */
    leadMentorSource: { type: String, enum: ["lms", "programmeLead", null], default: null },
    linkTutorUserId: { type: String, default: null },
    updatedBy: { type: String, required: true },
  },
  { timestamps: true },
);
mentorSupportSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1 }, { unique: true });
mentorSupportSchema.index({ tenantId: 1, contextId: 1, leadMentorUserId: 1 });

export type MentorSupportDoc = InferSchemaType<typeof mentorSupportSchema> & { _id: mongoose.Types.ObjectId };
export const MentorSupport = mongoose.model("MentorSupport", mentorSupportSchema);
