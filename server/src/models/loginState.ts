import mongoose, { Schema } from "mongoose";

/**
 * The state and nonce of an OIDC login we started, kept server-side so a launch can be checked
 * without the third-party cookie that browsers block inside LMS iframes. Used once.
 */
const loginStateSchema = new Schema(
  {
    state: { type: String, required: true },
    nonce: { type: String, required: true },
    issuer: { type: String, required: true },
    clientId: { type: String, default: null },
    createdAt: { type: Date, default: () => new Date(), expires: 600 },
  },
  { versionKey: false },
);
loginStateSchema.index({ state: 1 }, { unique: true });

export const LoginState = mongoose.model("LoginState", loginStateSchema);
