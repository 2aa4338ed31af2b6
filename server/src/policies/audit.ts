import { notFound, forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { isInCourse, isMentor, isStaff } from "./scope";

export interface AuditSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}
export type AuditAction = "view" | "rate";

/** An audit is the mentor's own self-assessment: they rate; the course's staff may read it. */
export function canOnAudit(actor: Actor, action: AuditAction, audit: AuditSubject): boolean {
  if (!isInCourse(actor, audit)) return false;
  const isOwn = isMentor(actor) && audit.mentorUserId === actor.userId;
  return action === "view" ? isOwn || isStaff(actor) : isOwn;
}

/** 404 for an audit the actor may not see; 403 for rating someone else's. */
export function authorizeAudit(actor: Actor, action: AuditAction, audit: AuditSubject): void {
  if (!canOnAudit(actor, "view", audit)) throw notFound("That audit");
  if (!canOnAudit(actor, action, audit)) throw forbidden("Only the mentor can rate their own confidence.");
}
