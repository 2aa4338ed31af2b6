import type { Router } from "express";
import { DATE_OF_BIRTH_REASON, profileEndpoints, type TMentorProfile } from "../../contracts/profile";
import { saveMentorDetails } from "../../commands/saveMentorDetails";
import { notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize, can } from "../../policies";
import { courseScope } from "../../policies/scope";
import { courseMentorMember } from "../../queries/courseMember";
import { programmeInForce } from "../../queries/programmeInForce";

async function loadProfile(actor: Actor, mentorUserId: string | undefined): Promise<TMentorProfile> {
  const userId = mentorUserId ?? actor.userId;
  // Asked before the lookup: another person's details are not found unless the actor is staff of the course.
  authorize(actor, "view", "Profile", { ...courseScope(actor), mentorUserId: userId });
  const [member, programme] = await Promise.all([
    courseMentorMember(actor, userId),
    programmeInForce(actor.tenantId, actor.contextId),
  ]);
  if (!member) throw notFound("That mentor");
  const subject = { ...courseScope(actor), mentorUserId: member.userId };
  const asksDateOfBirth = programme.definition.funding.askDateOfBirth;
  return {
    userId: member.userId,
    name: member.name,
    givenName: member.givenName ?? null,
    familyName: member.familyName ?? null,
    email: member.email ?? null,
    sourcedId: member.sourcedId ?? null,
    school: member.school ?? null,
    trn: member.trn ?? null,
    schoolUrn: member.schoolUrn ?? null,
    dateOfBirth: asksDateOfBirth ? (member.dateOfBirth ?? null) : null,
    asksDateOfBirth,
    dateOfBirthReason: asksDateOfBirth ? DATE_OF_BIRTH_REASON : null,
    canEdit: can(actor, "edit", "Profile", subject),
  };
}

/**
 * /api/profile — who a mentor is for the registry and the school's funding claim: identity from
 * the launch (read-only here) and the TRN, school URN and, where the programme asks, date of
 * birth, which the mentor or a programme lead enters.
 */
export function profileRouter(): Router {
  const { router, implement } = endpointRouter("/api/profile");

  implement(profileEndpoints.read, {
    // Reading the profile is its policy: another person's is not found unless the actor is staff of the course.
    policy: (actor, { query }) => loadProfile(actor, query.mentorUserId),
    handler: ({ allowed: profile }) => profile,
  });

  implement(profileEndpoints.save, {
    policy: async (actor, { body }) => {
      const before = await loadProfile(actor, body.mentorUserId);
      authorize(actor, "edit", "Profile", { ...courseScope(actor), mentorUserId: before.userId });
      return before;
    },
    handler: async ({ actor, allowed: before, input: { body } }) => {
      const details: Record<string, string | null> = { trn: body.trn, schoolUrn: body.schoolUrn };
      // A date of birth is kept only where the programme asks for it.
      if (before.asksDateOfBirth && body.dateOfBirth !== undefined) details.dateOfBirth = body.dateOfBirth;
      await saveMentorDetails({ course: courseScope(actor), userId: before.userId, details });
      return loadProfile(actor, body.mentorUserId);
    },
  });
  return router;
}
