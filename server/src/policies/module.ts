import { forbidden, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { authorizeNotOwn, isOwnWork } from "./ownWork";
import { isInCourse, isMentor, isStaff } from "./scope";

/** Module work as policies see it: whose it is and where. */
export interface ModuleWorkSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}
export type ModuleAction = "view" | "work" | "mark";

const isOwn = (actor: Actor, work: ModuleWorkSubject) => isMentor(actor) && isOwnWork(actor, work);

/** Mentors see their own work; tutors and leads see all work in the courses they teach. */
export function canViewModuleWork(actor: Actor, work: ModuleWorkSubject): boolean {
  return isInCourse(actor, work) && (isOwn(actor, work) || isStaff(actor));
}

/** What the actor may do with module work they can see. */
export function canOnModuleWork(actor: Actor, action: ModuleAction, work: ModuleWorkSubject): boolean {
  if (!canViewModuleWork(actor, work)) return false;
  if (action === "view") return true;
  if (action === "work") return isOwn(actor, work);
  // Nobody marks their own work, even a tutor who is also enrolled as a mentor.
  return isStaff(actor) && !isOwnWork(actor, work);
}

/** Throws 404 for work the actor may not see, 403 for an action they may not take on it. */
export function authorizeModuleWork(actor: Actor, action: ModuleAction, work: ModuleWorkSubject): void {
  if (!canViewModuleWork(actor, work)) throw notFound("That module work");
  if (action === "mark" && isStaff(actor)) authorizeNotOwn(actor, "mark", work);
  if (!canOnModuleWork(actor, action, work)) {
    throw forbidden(action === "mark" ? "Only the course's tutors can mark module work." : "Only the mentor can work on their own modules.");
  }
}
