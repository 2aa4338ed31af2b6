import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import type { MentorScope } from "../programme/moduleWork";

/** One mentor's training-hours entries in the course, newest first. */
export function ledgerEntries(scope: MentorScope): Promise<TrainingHoursEntryDoc[]> {
  return TrainingHoursEntry.find(scope).sort({ date: -1, _id: -1 }).lean<TrainingHoursEntryDoc[]>();
}

/**
 * Entries already read, in the order ledgerEntries reads them: date (an ISO day, so text order is
 * date order) then id, newest first; an ObjectId's hex orders as its bytes do.
 */
export function newestFirst(entries: TrainingHoursEntryDoc[]): TrainingHoursEntryDoc[] {
  const key = (e: TrainingHoursEntryDoc) => [e.date, e._id.toHexString()] as const;
  return [...entries].sort((a, b) => {
    const [da, ia] = key(a);
    const [db, ib] = key(b);
    if (da !== db) return da < db ? 1 : -1;
    return ia < ib ? 1 : ia > ib ? -1 : 0;
  });
}
