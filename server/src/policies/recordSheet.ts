import type { Actor } from "../lti/sessionToken";
import type { TSignOffBy } from "../programme/schema";
import { allow, can, forbid, refuse } from "./cancan";
import { isOwnWork, ownWorkRefusals } from "./ownWork";
import { isInCourse, isLeadMentor, isMentor, isStaff } from "./scope";

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

declare module "./cancan" {
  interface PolicyRegistry {
    /** A record sheet with who the sheet's qualification lets sign it off. */
    RecordSheet: {
      subject: RecordSheetSubject & { signedOffBy: readonly TSignOffBy[] };
      action: "keep" | "read" | "signOff" | "release";
    };
  }
}

/**
 * The capacity in which the actor may sign this sheet off, or null: the mentor's assigned link
 * tutor (a tutor or lead), lead mentor, or their school's coordinating mentor, where the programme
 * names that person. Never on one's own sheet, whatever roles one holds.
 */
export function signOffCapacity(
  actor: Actor,
  sheet: RecordSheetSubject,
  signedOffBy: readonly TSignOffBy[],
): TSignOffBy | null {
  if (!isInCourse(actor, sheet) || isOwnWork(actor, sheet)) return null;
  if (signedOffBy.includes("linkTutor") && isStaff(actor) && sheet.linkTutorUserId === actor.userId) return "linkTutor";
  if (signedOffBy.includes("leadMentor") && isLeadMentor(actor) && sheet.leadMentorUserId === actor.userId)
    return "leadMentor";
  // Chosen by name for their school by the programme lead: a mentor or lead mentor at that school.
  if (
    signedOffBy.includes("coordinatingMentor") &&
    (isMentor(actor) || isLeadMentor(actor)) &&
    sheet.coordinatingMentorUserId === actor.userId
  )
    return "coordinatingMentor";
  return null;
}

/** How a signer is named to people. */
export const signerWords: Record<TSignOffBy, string> = {
  linkTutor: "link tutor",
  leadMentor: "lead mentor",
  coordinatingMentor: "coordinating mentor",
};

/** "link tutor or lead mentor", "link tutor, lead mentor or coordinating mentor". */
export function wordsFor(signedOffBy: readonly TSignOffBy[]): string {
  const words = signedOffBy.map((s) => signerWords[s]);
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

const signsOff = (actor: Actor, sheet: RecordSheetSubject & { signedOffBy: readonly TSignOffBy[] }) =>
  signOffCapacity(actor, sheet, sheet.signedOffBy) !== null;

// Only mentors (LTI Learners) keep record sheets, and only their own.
allow("mentor", "keep", "RecordSheet", isOwnWork);
refuse("RecordSheet", "keep", "Only mentors keep a record sheet.");

// Who reads a sheet: its mentor, the course's tutors and leads, the mentor's lead mentor (all as
// for the mentor's work), and whoever the programme lets sign it off (so a school's coordinating
// mentor reads the sheets of the mentors they coordinate, where the programme names them, and
// nothing else of theirs).
allow(
  (actor) => can(actor, "read", "MentorWork"),
  "read",
  "RecordSheet",
  (actor, sheet) => can(actor, "read", "MentorWork", sheet),
);
allow(["tutor", "lead", "leadMentor", "mentor"], ["read", "signOff"], "RecordSheet", signsOff);

// Nobody signs off their own sheet, whatever roles they hold; one's own is refused first.
forbid("anyone", "signOff", "RecordSheet", isOwnWork, ownWorkRefusals.signOff);
refuse(
  "RecordSheet",
  "signOff",
  (_actor, sheet) => `Only the mentor's ${wordsFor(sheet?.signedOffBy ?? [])} can sign off this record sheet.`,
);

// Releasing a signed-off award is the programme lead's call, never on their own sheet.
forbid("anyone", "release", "RecordSheet", isOwnWork, ownWorkRefusals.releaseAward);
allow("lead", "release", "RecordSheet");
refuse("RecordSheet", "release", "Only a programme lead can release an award.");
