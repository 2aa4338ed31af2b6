import { forbidden, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { isOwnWork } from "./ownWork";
import { courseScope, isInCourse, isLead, isLeadMentor, isStaff, keepsOwnWork } from "./scope";

/** One mentor's working material (evidence, portfolio drafts, comments), with who leads them. */
export interface MentorWorkSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  /** The mentor's lead mentor in this course (their own or their school's: commands/supportReads.ts), if any. */
  leadMentorUserId: string | null;
}
export type MentorWorkAction = "read" | "comment" | "edit";

/** True when the actor is this mentor's lead mentor in this course (and it is not their own work). */
export function isTheirLeadMentor(actor: Actor, subject: MentorWorkSubject): boolean {
  return isLeadMentor(actor) && isInCourse(actor, subject) && subject.leadMentorUserId === actor.userId && !isOwnWork(actor, subject);
}

/**
 * Mentors own their work: only they edit it. The course's tutors and programme leads, and the
 * mentor's own lead mentor, read it (evidence and portfolio drafts) but never change it. The
 * mentor and their lead mentor talk in comment threads on the evidence.
 */
export function canOnMentorWork(actor: Actor, action: MentorWorkAction, subject: MentorWorkSubject): boolean {
  if (!isInCourse(actor, subject)) return false;
  const isOwn = keepsOwnWork(actor) && isOwnWork(actor, subject);
  if (action === "edit") return isOwn;
  if (action === "comment") return isOwn || isTheirLeadMentor(actor, subject);
  return isOwn || isStaff(actor) || isTheirLeadMentor(actor, subject);
}

/** 404 for a mentor's work the actor may not read; 403 for an action they may not take on it. */
export function authorizeMentorWork(actor: Actor, action: MentorWorkAction, subject: MentorWorkSubject): void {
  if (!canOnMentorWork(actor, "read", subject)) throw notFound("That mentor");
  if (!canOnMentorWork(actor, action, subject)) {
    throw forbidden(action === "comment" ? "Only the mentor and their lead mentor can comment on the mentor's evidence." : "Only the mentor can change their own evidence and portfolio.");
  }
}

/**
 * Whose caseload the actor may see: their own, in this course and platform (resolved into mentors
 * by commands/supportReads.ts mentorsSupportedBy). Null for anyone who is not a lead mentor (they
 * have no caseload).
 */
export function caseloadFilter(actor: Actor): { tenantId: string; contextId: string; leadMentorUserId: string } | null {
  return isLeadMentor(actor) ? { ...courseScope(actor), leadMentorUserId: actor.userId } : null;
}

/** Assigning lead mentors and link tutors to mentors is the programme lead's job. */
export const canAssignSupport = (actor: Actor) => isLead(actor);

export function authorizeAssignSupport(actor: Actor): void {
  if (!canAssignSupport(actor)) throw forbidden("Only a programme lead can assign lead mentors and link tutors.");
}
