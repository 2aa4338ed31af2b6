import { forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { isLead } from "./scope";

/** What can be done with the tool's background jobs. */
export type JobAction = "view";

/**
 * True when the actor may do `action`. Jobs serve the whole tool, not one course, so only
 * programme leads (which LMS administrators are) see them.
 */
export function can(actor: Actor, action: JobAction): boolean {
  return action === "view" && isLead(actor);
}

/** Throws 403 unless the actor may do `action`. */
export function authorize(actor: Actor, action: JobAction): void {
  if (!can(actor, action)) throw forbidden("Only a programme lead can see the background jobs.");
}
