import type { Actor } from "../lti/sessionToken";
import { canOnHours, type HoursSubject } from "./hours";
import { notFound } from "../errors";

export type TrainingRecordAction = "download" | "import" | "view";

/**
 * A mentor's training record and the training recognised for them go with their hours ledger:
 * the mentor downloads, imports and reads their own; tutors and leads of the course do so for its
 * mentors; nobody else sees that the mentor exists (404).
 */
export function canOnTrainingRecord(actor: Actor, action: TrainingRecordAction, subject: HoursSubject): boolean {
  return canOnHours(actor, action === "import" ? "log" : "view", subject);
}

export function authorizeTrainingRecord(actor: Actor, action: TrainingRecordAction, subject: HoursSubject): void {
  if (!canOnTrainingRecord(actor, action, subject)) throw notFound("That mentor");
}
