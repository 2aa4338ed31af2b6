import { forbidden, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { isOwnWork } from "./ownWork";
import { isInCourse, isLead, isMentor, isStaff } from "./scope";

export interface HoursSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  /** Who logged an entry; absent for a whole ledger. */
  loggedBy?: string;
}
export type HoursAction = "view" | "log" | "delete";

/**
 * Mentors keep their own ledger; tutors and leads keep ledgers for the mentors in their course.
 * Staff remove entries from other mentors' ledgers only: hours someone else logged in one's own
 * ledger stay, whatever roles one holds.
 */
export function canOnHours(actor: Actor, action: HoursAction, hours: HoursSubject): boolean {
  if (!isInCourse(actor, hours)) return false;
  const isOwn = isMentor(actor) && isOwnWork(actor, hours);
  if (action === "delete") return (isStaff(actor) && !isOwnWork(actor, hours)) || (isOwn && hours.loggedBy === actor.userId);
  return isOwn || isStaff(actor);
}

/** 404 for a ledger the actor may not see; 403 for an action they may not take on it. */
export function authorizeHours(actor: Actor, action: HoursAction, hours: HoursSubject): void {
  if (!canOnHours(actor, "view", hours)) throw notFound("Those training hours");
  if (!canOnHours(actor, action, hours)) {
    throw forbidden(
      isStaff(actor) && isOwnWork(actor, hours)
        ? "You cannot remove hours someone else logged in your own ledger. Ask them, or another tutor, to do it."
        : "You can remove only the hours you logged yourself.",
    );
  }
}

/** Setting a school's rate band: tutors and leads. */
export const canSetRateBands = (actor: Actor) => isStaff(actor);
/** Exporting a school's funding claim: programme leads. */
export const canExportClaims = (actor: Actor) => isLead(actor);

export function authorizeFunding(actor: Actor, action: "setRateBand" | "exportClaims"): void {
  const allowed = action === "setRateBand" ? canSetRateBands(actor) : canExportClaims(actor);
  if (!allowed) throw forbidden(action === "setRateBand" ? "Only tutors and programme leads can set a school's rate band." : "Only programme leads can export funding claims.");
}
