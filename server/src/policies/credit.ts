import { forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { authorizeNotOwn, type OwnedSubject } from "./ownWork";
import { courseScope, isLead, isStaff } from "./scope";

/** Staff see every credit award in the course; a mentor sees only their own. */
export function creditScope(actor: Actor): { tenantId: string; contextId: string; mentorUserId?: string } {
  return isStaff(actor) ? courseScope(actor) : { ...courseScope(actor), mentorUserId: actor.userId };
}

/** Ratifying and reversing credit are exam-board decisions, taken by the programme lead (never on their own award). */
export const canDecideCredit = (actor: Actor) => isLead(actor);
/** The registry transcript and the cohort dashboard are the programme lead's. */
export const canViewProgrammeReports = (actor: Actor) => isLead(actor);

export function authorizeDecideCredit(actor: Actor, action: "ratify" | "reverse", award: OwnedSubject): void {
  if (!canDecideCredit(actor)) throw forbidden("Only a programme lead can ratify or reverse credit.");
  authorizeNotOwn(actor, action, award);
}

export function authorizeProgrammeReports(actor: Actor): void {
  if (!canViewProgrammeReports(actor)) throw forbidden("Only a programme lead can see programme reports.");
}
