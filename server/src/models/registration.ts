import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * A platform registration (a tenant): one LMS issuer + the client id it gave us, with the
 * deployment ids we accept launches from. ltijs keeps its own copy with the keys.
 */
const registrationSchema = new Schema(
  {
    issuer: { type: String, required: true },
    clientId: { type: String, required: true },
    name: { type: String, required: true },
    lms: { type: String, enum: ["moodle", "canvas", "blackboard", "development", "other"], required: true },
    deploymentIds: { type: [String], default: [] },
    /** The platform's public keyset, cached by lti/jwksCache.ts. */
    jwksUrl: { type: String, required: true },
    source: { type: String, enum: ["file", "dynamic", "development"], required: true },
    /** A role name/URI that marks programme leads on this platform, if not Administrator. */
    leadRole: { type: String, default: null },
    /** The platform's administrator sets custom parameters (not teachers per link): honour programme_role=lead. */
    trustCustomRoleParameter: { type: Boolean, default: false },
    /** Users (LTI sub) an administrator named as programme leads on this platform. */
    leadUserIds: { type: [String], default: [] },
  },
  { timestamps: true },
);
registrationSchema.index({ issuer: 1, clientId: 1 }, { unique: true });

export type RegistrationDoc = InferSchemaType<typeof registrationSchema> & { _id: mongoose.Types.ObjectId };
export const Registration = mongoose.model("Registration", registrationSchema);
