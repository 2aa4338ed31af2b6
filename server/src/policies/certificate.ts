import { forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { authorizeNotOwn, type OwnedSubject } from "./ownWork";
import { courseScope, isLead, isStaff } from "./scope";

/**
 * Who may see which certificates: staff of the course see all of its certificates, a mentor
 * only their own. Used as a query filter so anything else is simply not found (404).
 */
export function certificateScope(actor: Actor): { tenantId: string; contextId: string; mentorUserId?: string } {
  return isStaff(actor) ? courseScope(actor) : { ...courseScope(actor), mentorUserId: actor.userId };
}

/** Revoking a certificate is the programme lead's call. */
export function canRevokeCertificate(actor: Actor): boolean {
  return isLead(actor);
}

/** Throws 403 unless the actor may revoke this (visible) certificate: a lead's, and never their own. */
export function authorizeRevokeCertificate(actor: Actor, certificate: OwnedSubject): void {
  if (!canRevokeCertificate(actor)) throw forbidden("Only a programme lead can revoke a certificate.");
  authorizeNotOwn(actor, "revoke", certificate);
}
