import { forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import type { TSignOffBy } from "../programme/schema";
import { canOnMentorWork } from "./mentorWork";
import { authorizeNotOwn, isOwnWork } from "./ownWork";
import { isInCourse, isLead, isLeadMentor, isMentor, isStaff } from "./scope";

/** A record sheet, with the people the programme may let sign it off (MentorSupport). */
export interface RecordSheetSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  leadMentorUserId: string | null;
  linkTutorUserId: string | null;
}

/** Only mentors (LTI Learners) keep record sheets, and only their own. */
export const canKeepRecordSheet = (actor: Actor) => isMentor(actor);

/** Who may read a sheet: its mentor, the course's tutors and leads, and the mentor's lead mentor. */
export function canReadRecordSheet(actor: Actor, sheet: RecordSheetSubject): boolean {
  return canOnMentorWork(actor, "read", { ...sheet, leadMentorUserId: sheet.leadMentorUserId });
}

/**
 * The capacity in which the actor may sign this sheet off, or null: the mentor's assigned link
 * tutor (a tutor or lead) or lead mentor, where the programme names that person. Never the mentor.
 */
export function signOffCapacity(actor: Actor, sheet: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]): TSignOffBy | null {
  if (!isInCourse(actor, sheet) || isOwnWork(actor, sheet)) return null;
  if (signedOffBy.includes("linkTutor") && isStaff(actor) && sheet.linkTutorUserId === actor.userId) return "linkTutor";
  if (signedOffBy.includes("leadMentor") && isLeadMentor(actor) && sheet.leadMentorUserId === actor.userId) return "leadMentor";
  return null;
}

const signerWords: Record<TSignOffBy, string> = { linkTutor: "link tutor", leadMentor: "lead mentor" };

/** Throws 403 unless the actor may sign this sheet off; one's own is refused first, whatever roles one holds. */
export function authorizeSignOff(actor: Actor, sheet: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]): TSignOffBy {
  authorizeNotOwn(actor, "signOff", sheet);
  const capacity = signOffCapacity(actor, sheet, signedOffBy);
  if (!capacity) throw forbidden(`Only the mentor's ${signedOffBy.map((s) => signerWords[s]).join(" or ")} can sign off this record sheet.`);
  return capacity;
}

/** Releasing a signed-off award is the programme lead's call, never on their own sheet. */
export const canReleaseRecordSheet = (actor: Actor, sheet: RecordSheetSubject) => isLead(actor) && isInCourse(actor, sheet) && !isOwnWork(actor, sheet);

export function authorizeReleaseRecordSheet(actor: Actor, sheet: RecordSheetSubject): void {
  authorizeNotOwn(actor, "releaseAward", sheet);
  if (!isLead(actor)) throw forbidden("Only a programme lead can release an award.");
}
