import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** One activity a mentor has marked done in a module; deleting it marks the activity undone. */
const activityCompletionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    moduleCode: { type: String, required: true },
    activityCode: { type: String, required: true },
  },
  { timestamps: true },
);
activityCompletionSchema.index(
  { tenantId: 1, contextId: 1, mentorUserId: 1, moduleCode: 1, activityCode: 1 },
  { unique: true },
);

export type ActivityCompletionDoc = InferSchemaType<typeof activityCompletionSchema> & { _id: mongoose.Types.ObjectId };
export const ActivityCompletion = mongoose.model("ActivityCompletion", activityCompletionSchema);
