import { RecognisedTraining, type RecognisedTrainingDoc } from "../models/recognisedTraining";

/** The training a mentor has had recognised from other partnerships, newest first. */
export async function recognisedTrainingOf(scope: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}): Promise<RecognisedTrainingDoc[]> {
  return RecognisedTraining.find(scope).sort({ issuedAt: -1, _id: -1 }).lean<RecognisedTrainingDoc[]>();
}
