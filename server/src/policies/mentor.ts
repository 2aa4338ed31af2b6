import { forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { isStaff } from "./scope";

/** Listing the course's mentors with their progress: the course's tutors and leads. */
export const canListMentors = (actor: Actor) => isStaff(actor);

/** 403 for a mentor asking for the list: the page exists, it is just not theirs to use. */
export function authorizeMentorList(actor: Actor): void {
  if (!canListMentors(actor)) throw forbidden("Only tutors and programme leads can see the mentors on this course.");
}
