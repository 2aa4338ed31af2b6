import type { Router } from "express";
import { caseloadEndpoints } from "../../contracts/caseload";
import { notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize, can } from "../../policies";
import { courseScope } from "../../policies/scope";
import { commentOnEvidence } from "../../commands/commentOnEvidence";
import { mentorWorkSubject } from "../../queries/caseloadReads";
import { commentThreadsOf, evidenceInCourse } from "../../queries/evidenceComments";
import { presentComment } from "../../presenters/caseload";
import { readableMentorWork } from "./subject";

/** Evidence the actor may read (else 404 "That evidence") and comment on (else 403). */
async function evidenceToComment(actor: Actor, evidenceId: string) {
  const course = courseScope(actor);
  // Loaded inside the actor's course: evidence elsewhere is simply not found.
  const evidence = await evidenceInCourse(course, evidenceId);
  const subject = evidence && (await mentorWorkSubject(course, evidence.mentorUserId));
  if (!evidence || !subject || !can(actor, "read", "MentorWork", subject)) throw notFound("That evidence");
  authorize(actor, "comment", "MentorWork", subject);
  return evidence;
}

/**
 * /api/evidence-comments — the thread on each piece of a mentor's evidence: their lead mentor
 * comments, the mentor replies; tutors and programme leads may read.
 */
export function evidenceCommentsRouter(): Router {
  const { router, implement } = endpointRouter("/api/evidence-comments");

  implement(caseloadEndpoints.commentThreads, {
    policy: (actor, { query }) => readableMentorWork(actor, query.mentorUserId ?? actor.userId),
    handler: async ({ actor, allowed: subject }) => {
      const threads = await commentThreadsOf(courseScope(actor), subject.mentorUserId);
      return { threads: threads.map((t) => ({ ...t, comments: t.comments.map((c) => presentComment(actor, c)) })) };
    },
  });

  implement(caseloadEndpoints.comment, {
    policy: (actor, { body }) => evidenceToComment(actor, body.evidenceId),
    handler: async ({ actor, allowed: evidence, input: { body } }) =>
      presentComment(actor, await commentOnEvidence({ actor, evidence, body: body.body })),
  });

  return router;
}
