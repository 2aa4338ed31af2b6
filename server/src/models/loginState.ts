import mongoose, { Schema } from "mongoose";

/**
 * The state and nonce of an OIDC login we started, kept server-side so a launch can be checked
 * without the third-party cookie that browsers block inside LMS iframes. Used once.
 */
const loginStateSchema = new Schema(
  {
    // The state itself is the _id: lookups by _id are the ones every engine serves from an index
    // (the embedded one serves no other), and the launch path does one per launch.
    _id: { type: String, required: true },
    nonce: { type: String, required: true },
    issuer: { type: String, required: true },
    clientId: { type: String, default: null },
    createdAt: { type: Date, default: () => new Date(), expires: 600 },
  },
  { versionKey: false },
);

export const LoginState = mongoose.model("LoginState", loginStateSchema);

/**
 * A login state that a launch has used. Inserting it (unique _id) is what makes a launch single
 * use on every engine: the embedded engine's findOneAndDelete is not atomic, so two replays
 * racing could both read the login state before either deleted it.
 */
const usedLoginStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, default: () => new Date(), expires: 600 },
  },
  { versionKey: false },
);

export const UsedLoginState = mongoose.model("UsedLoginState", usedLoginStateSchema);
