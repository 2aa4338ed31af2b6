import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import type { MentorScope } from "../programme/moduleWork";

/** One mentor's training-hours entries in the course, newest first. */
export function ledgerEntries(scope: MentorScope): Promise<TrainingHoursEntryDoc[]> {
  return TrainingHoursEntry.find(scope).sort({ date: -1, _id: -1 }).lean<TrainingHoursEntryDoc[]>();
}
