import type { Actor } from "../lti/sessionToken";
import { forbidden } from "../errors";
import { authorizeNotOwn, type OwnedSubject } from "./ownWork";
import { isStaff } from "./scope";

/** What can be done with the course gradebook connection: staff only. */
export type GradebookAction = "viewDelivery" | "retryDelivery" | "syncLineItems" | "readResults" | "viewRoster" | "syncRoster" | "placeContent";

/** True when the actor may do `action` in their course. */
export function can(actor: Actor, action: GradebookAction): boolean {
  if (!isStaff(actor)) return false;
  if (action === "placeContent") return actor.messageType === "LtiDeepLinkingRequest";
  return true;
}

/** Throws 403 unless the actor may do `action`; a mark's delivery is never retried by its own mentor. */
export function authorize(actor: Actor, action: GradebookAction, subject?: OwnedSubject): void {
  if (!can(actor, action)) {
    throw forbidden(
      action === "placeContent"
        ? "Placing content is only possible when you add Mentor Pathways to a course from the VLE."
        : "Only tutors and programme leads can do that.",
    );
  }
  if (subject) authorizeNotOwn(actor, "release", subject);
}
