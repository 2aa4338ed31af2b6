import type { Actor } from "../lti/sessionToken";
import { allow, conceal, refuse } from "./cancan";
import { isOwnWork, ownWork } from "./ownWork";
import { isInCourse, isLeadMentor, isStaff, keepsOwnWork } from "./scope";

/** One mentor's working material (evidence, portfolio drafts, comments), with who leads them. */
export interface MentorWorkSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  /** The mentor's lead mentor in this course (their own or their school's: commands/supportReads.ts), if any. */
  leadMentorUserId: string | null;
}
export type MentorWorkAction = "read" | "comment" | "edit";

declare module "./cancan" {
  interface PolicyRegistry {
    MentorWork: { subject: MentorWorkSubject; action: MentorWorkAction };
    /** A lead mentor's caseload: the mentors they lead (commands/supportReads.ts mentorsSupportedBy). */
    Caseload: { subject: { tenantId: string; contextId: string; leadMentorUserId: string }; action: "read" };
    /** Who leads and links which mentors: a programme lead assigns; a mentor sees their own. */
    SupportAssignment: { subject: never; action: "assign" | "viewOwn" };
  }
}

/** True when the actor is this mentor's lead mentor in this course (and it is not their own work). */
export function isTheirLeadMentor(actor: Actor, subject: MentorWorkSubject): boolean {
  return (
    isLeadMentor(actor) &&
    isInCourse(actor, subject) &&
    subject.leadMentorUserId === actor.userId &&
    !isOwnWork(actor, subject)
  );
}

// Mentors own their work: only they edit it. The course's tutors and programme leads, and the
// mentor's own lead mentor, read it (evidence and portfolio drafts) but never change it. The
// mentor and their lead mentor talk in comment threads on the evidence.
allow(keepsOwnWork, ["read", "comment", "edit"], "MentorWork", ownWork);
allow(isStaff, "read", "MentorWork");
allow("leadMentor", ["read", "comment"], "MentorWork", isTheirLeadMentor);

conceal("MentorWork", "That mentor", "read");
refuse("MentorWork", "comment", "Only the mentor and their lead mentor can comment on the mentor's evidence.");
refuse("MentorWork", "edit", "Only the mentor can change their own evidence and portfolio.");

// A lead mentor sees their own caseload, in this course and platform; nobody else has one.
allow("leadMentor", "read", "Caseload", {
  test: (actor, caseload) => caseload.leadMentorUserId === actor.userId,
  where: (actor) => ({ leadMentorUserId: actor.userId }),
});
refuse("Caseload", "read", "Only lead mentors have a caseload.");

// Assigning lead mentors and link tutors to mentors is the programme lead's job.
allow("lead", "assign", "SupportAssignment");
refuse("SupportAssignment", "assign", "Only a programme lead can assign lead mentors and link tutors.");
allow("mentor", "viewOwn", "SupportAssignment");
refuse("SupportAssignment", "viewOwn", "Only mentors have a lead mentor and link tutor.");
