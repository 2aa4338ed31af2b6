import { forbidden } from "../errors";
import type { Actor } from "../lti/sessionToken";
import type { TSignOffBy } from "../programme/schema";
import { canOnMentorWork } from "./mentorWork";
import { authorizeNotOwn, isOwnWork } from "./ownWork";
import { isInCourse, isLead, isLeadMentor, isMentor, isStaff } from "./scope";

/** A record sheet, with the people the programme may let sign it off (commands/supportReads.ts). */
export interface RecordSheetSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  leadMentorUserId: string | null;
  linkTutorUserId: string | null;
  /** The coordinating mentor of the mentor's school, if it has one. */
  coordinatingMentorUserId: string | null;
}

/** Only mentors (LTI Learners) keep record sheets, and only their own. */
export const canKeepRecordSheet = (actor: Actor) => isMentor(actor);

/**
 * Who may read a sheet: its mentor, the course's tutors and leads, the mentor's lead mentor, and
 * whoever the programme lets sign it off (so the school's coordinating mentor reads the sheets of
 * the mentors they coordinate, where the programme names them, and nothing else of theirs).
 */
export function canReadRecordSheet(actor: Actor, sheet: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]): boolean {
  return canOnMentorWork(actor, "read", sheet) || signOffCapacity(actor, sheet, signedOffBy) !== null;
}

/**
 * The capacity in which the actor may sign this sheet off, or null: the mentor's assigned link
 * tutor (a tutor or lead), lead mentor, or their school's coordinating mentor, where the programme
 * names that person. Never on one's own sheet, whatever roles one holds.
 */
export function signOffCapacity(actor: Actor, sheet: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]): TSignOffBy | null {
  if (!isInCourse(actor, sheet) || isOwnWork(actor, sheet)) return null;
  if (signedOffBy.includes("linkTutor") && isStaff(actor) && sheet.linkTutorUserId === actor.userId) return "linkTutor";
  if (signedOffBy.includes("leadMentor") && isLeadMentor(actor) && sheet.leadMentorUserId === actor.userId) return "leadMentor";
  // Chosen by name for their school by the programme lead: a mentor or lead mentor at that school.
  if (signedOffBy.includes("coordinatingMentor") && (isMentor(actor) || isLeadMentor(actor)) && sheet.coordinatingMentorUserId === actor.userId) return "coordinatingMentor";
  return null;
}

/** How a signer is named to people. */
export const signerWords: Record<TSignOffBy, string> = { linkTutor: "link tutor", leadMentor: "lead mentor", coordinatingMentor: "coordinating mentor" };

/** "link tutor or lead mentor", "link tutor, lead mentor or coordinating mentor". */
export function wordsFor(signedOffBy: readonly TSignOffBy[]): string {
  const words = signedOffBy.map((s) => signerWords[s]);
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** Throws 403 unless the actor may sign this sheet off; one's own is refused first, whatever roles one holds. */
export function authorizeSignOff(actor: Actor, sheet: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]): TSignOffBy {
  authorizeNotOwn(actor, "signOff", sheet);
  const capacity = signOffCapacity(actor, sheet, signedOffBy);
  if (!capacity) throw forbidden(`Only the mentor's ${wordsFor(signedOffBy)} can sign off this record sheet.`);
  return capacity;
}

/** Releasing a signed-off award is the programme lead's call, never on their own sheet. */
export const canReleaseRecordSheet = (actor: Actor, sheet: RecordSheetSubject) => isLead(actor) && isInCourse(actor, sheet) && !isOwnWork(actor, sheet);

export function authorizeReleaseRecordSheet(actor: Actor, sheet: RecordSheetSubject): void {
  authorizeNotOwn(actor, "releaseAward", sheet);
  if (!isLead(actor)) throw forbidden("Only a programme lead can release an award.");
}
