import { forbidden, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { isInCourse, isLead, isMentor, isStaff } from "./scope";

export interface ProfileSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}
export type ProfileAction = "view" | "edit";

/**
 * A mentor's details for the claim (TRN, school URN, date of birth): the mentor sees and edits
 * their own; tutors see those of their course's mentors; programme leads see and edit them.
 */
export function canOnProfile(actor: Actor, action: ProfileAction, subject: ProfileSubject): boolean {
  if (!isInCourse(actor, subject)) return false;
  const isOwn = isMentor(actor) && actor.userId === subject.mentorUserId;
  if (action === "edit") return isOwn || isLead(actor);
  return isOwn || isStaff(actor);
}

/** 404 for a mentor the actor may not see; 403 for an edit they may not make. */
export function authorizeProfile(actor: Actor, action: ProfileAction, subject: ProfileSubject): void {
  if (!canOnProfile(actor, "view", subject)) throw notFound("That mentor");
  if (!canOnProfile(actor, action, subject)) throw forbidden("Only the mentor and programme leads can change a mentor's TRN, school URN or date of birth.");
}
