import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A certificate issued when the panel approves a portfolio version. What it states is copied in
 * at issue (names, titles, partnership) so the certificate and its public verification never
 * change when a programme file or a roster does. Revocation is written once (guarded by a claim)
 * and never undone.
 */
const certificateSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    mentorName: { type: String, required: true },
    qualificationCode: { type: String, required: true },
    qualificationTitle: { type: String, required: true },
    qualificationSummary: { type: String, required: true },
    programmeCode: { type: String, required: true },
    programmeTitle: { type: String, required: true },
    programmeVersion: { type: Number, required: true },
    programmeVersionId: { type: String, required: true },
    partnership: { type: String, required: true },
    /** Standards the achievement aligns to, as they read at issue. */
    standards: { type: [{ code: String, title: String, _id: false }], default: [] },
    /** "prior_learning" when awarded through the prior-learning route (evidence from past mentoring). */
    route: { type: String, enum: ["standard", "prior_learning"], default: "standard" },
    credits: { type: Number, default: null },
    fheqLevel: { type: Number, default: null },
    portfolioId: { type: String, required: true },
    versionId: { type: String, required: true },
    versionNumber: { type: Number, required: true },
    approvedBy: { type: String, required: true },
    approvedAt: { type: Date, required: true },
    issuedAt: { type: Date, required: true },
    /** The public code printed on the certificate; checkable at /verify/<code>. */
    verificationCode: { type: String, required: true },
    /**
     * How the badge names its holder besides by name (Open Badges 3.0 IdentityObject): a random
     * salt and sha256$hex(email + salt) of the email the LMS gave at issue, or null when it gave
     * none. Both absent on certificates issued before badges carried an email.
     */
    badgeSalt: { type: String, default: null },
    holderEmailHash: { type: String, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: String, default: null },
    revocationReason: { type: String, default: null },
  },
  { timestamps: true },
);
// One certificate per approved portfolio version: the unique insert makes issuing idempotent.
certificateSchema.index({ tenantId: 1, contextId: 1, versionId: 1 }, { unique: true });
certificateSchema.index({ verificationCode: 1 }, { unique: true });
certificateSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, qualificationCode: 1 });
certificateSchema.index({ tenantId: 1, contextId: 1, qualificationCode: 1, revokedAt: 1 });

export type CertificateDoc = InferSchemaType<typeof certificateSchema> & { _id: mongoose.Types.ObjectId };
export const Certificate = mongoose.model("Certificate", certificateSchema);
