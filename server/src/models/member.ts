import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** A person in a course: written at launch and by roster (NRPS) syncs. */
const memberSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, default: null },
    /** From the launch's LIS claim and name claims: who the registry and the DfE claim know the person as. */
    sourcedId: { type: String, default: null },
    givenName: { type: String, default: null },
    familyName: { type: String, default: null },
    school: { type: String, default: null },
    /** Entered by the mentor (or a programme lead): teacher reference number, 7 digits. */
    trn: { type: String, default: null },
    /** The mentor's school's unique reference number, 6 digits. */
    schoolUrn: { type: String, default: null },
    /** "YYYY-MM-DD", only where the programme asks for it for the funding claim. */
    dateOfBirth: { type: String, default: null },
    roles: { type: [String], default: [] },
    ltiRoles: { type: [String], default: [] },
    status: { type: String, enum: ["Active", "Inactive", "Deleted"], default: "Active" },
    lastLaunchAt: { type: Date, default: null },
    rosterSeenAt: { type: Date, default: null },
  },
  { timestamps: true },
);
memberSchema.index({ tenantId: 1, contextId: 1, userId: 1 }, { unique: true });
memberSchema.index({ tenantId: 1, contextId: 1, roles: 1, name: 1 });

export type MemberDoc = InferSchemaType<typeof memberSchema> & { _id: mongoose.Types.ObjectId };
export const Member = mongoose.model("Member", memberSchema);
