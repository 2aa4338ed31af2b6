import type { Actor } from "../lti/sessionToken";
import type { TRole } from "../contracts/session";

/** The query filter that keeps every read and write inside the actor's platform and course. */
export function courseScope(actor: Actor): { tenantId: string; contextId: string } {
  return { tenantId: actor.tenantId, contextId: actor.contextId };
}

export const hasRole = (actor: Actor, role: TRole) => actor.roles.includes(role);
export const isMentor = (actor: Actor) => hasRole(actor, "mentor");
export const isTutor = (actor: Actor) => hasRole(actor, "tutor");
export const isLead = (actor: Actor) => hasRole(actor, "lead");
/** A lead mentor supervises the mentors assigned to them; they are not staff of the course. */
export const isLeadMentor = (actor: Actor) => hasRole(actor, "leadMentor");
/**
 * People who keep evidence and portfolios of their own: mentors, and lead mentors building the
 * lead mentor's qualification (QLMS) from their work with other mentors.
 */
export const keepsOwnWork = (actor: Actor) => isMentor(actor) || isLeadMentor(actor);
/** Tutors and leads both act as staff of the course. */
export const isStaff = (actor: Actor) => isTutor(actor) || isLead(actor);

/** True when a stored record belongs to the actor's platform and course. */
export function isInCourse(actor: Actor, record: { tenantId: string; contextId: string }): boolean {
  return record.tenantId === actor.tenantId && record.contextId === actor.contextId;
}
