import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** One validated launch: what deep linking and audits need after the id_token is gone. */
const launchSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    userId: { type: String, required: true },
    deploymentId: { type: String, required: true },
    messageType: { type: String, required: true },
    resourceLinkId: { type: String, default: null },
    deepLinking: {
      returnUrl: { type: String, default: null },
      data: { type: String, default: null },
      acceptTypes: { type: [String], default: [] },
      acceptMultiple: { type: Boolean, default: false },
    },
    custom: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
launchSchema.index({ tenantId: 1, contextId: 1, userId: 1, createdAt: -1 });

export type LaunchDoc = InferSchemaType<typeof launchSchema> & { _id: mongoose.Types.ObjectId };
export const Launch = mongoose.model("Launch", launchSchema);
