import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * Who supports every mentor of one school in one course, as a programme lead assigned it "by
 * school": a rule, read whenever a mentor's people are worked out (commands/supportReads.ts), so
 * a mentor who joins the school later has them too. One document per school, so a change is one
 * write. `schoolKey` is the school's name folded for matching ("oakfield  primary" is "Oakfield
 * Primary"); `school` keeps the course's spelling for display.
 */
const schoolSupportSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    schoolKey: { type: String, required: true },
    school: { type: String, required: true },
    leadMentorUserId: { type: String, default: null },
    linkTutorUserId: { type: String, default: null },
    /** A person at the school who coordinates mentoring there; may sign off record sheets where the programme says so. */
    coordinatingMentorUserId: { type: String, default: null },
    updatedBy: { type: String, required: true },
  },
  { timestamps: true },
);
schoolSupportSchema.index({ tenantId: 1, contextId: 1, schoolKey: 1 }, { unique: true });

export type SchoolSupportDoc = InferSchemaType<typeof schoolSupportSchema> & { _id: mongoose.Types.ObjectId };
export const SchoolSupport = mongoose.model("SchoolSupport", schoolSupportSchema);
