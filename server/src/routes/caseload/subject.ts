import { notFound } from "../../errors";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { mentorWorkSubject } from "../../queries/caseloadReads";

/** A mentor of the actor's course whose work the actor may read, or 404 ("That mentor"): the policy of the caseload's reads. */
export async function readableMentorWork(actor: Actor, mentorUserId: string) {
  const subject = await mentorWorkSubject(courseScope(actor), mentorUserId);
  if (!subject) throw notFound("That mentor");
  authorize(actor, "read", "MentorWork", subject);
  return subject;
}
