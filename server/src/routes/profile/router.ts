import { Router } from "express";
import { DATE_OF_BIRTH_REASON, ZMentorProfileQuery, ZMentorProfileUpdate, type TMentorProfile } from "../../contracts/profile";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { Member } from "../../models/member";
import { authorizeProfile, canOnProfile } from "../../policies/profile";
import { courseScope, isStaff } from "../../policies/scope";
import { programmeForCourse } from "../../queries/programmeForCourse";

async function loadProfile(actor: Actor, mentorUserId: string | undefined): Promise<TMentorProfile> {
  const userId = mentorUserId ?? actor.userId;
  // Another person's details are not found unless the actor is staff of the course.
  if (userId !== actor.userId && !isStaff(actor)) throw notFound("That mentor");
  const [member, programme] = await Promise.all([
    Member.findOne({ ...courseScope(actor), userId, roles: "mentor" }).lean(),
    programmeForCourse(actor.tenantId, actor.contextId),
  ]);
  if (!member) throw notFound("That mentor");
  const subject = { ...courseScope(actor), mentorUserId: member.userId };
  authorizeProfile(actor, "view", subject);
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
    canEdit: canOnProfile(actor, "edit", subject),
  };
}

/**
 * /api/profile — who a mentor is for the registry and the school's funding claim: identity from
 * the launch (read-only here) and the TRN, school URN and, where the programme asks, date of
 * birth, which the mentor or a programme lead enters.
 */
export function profileRouter(): Router {
  const router = Router();

  router.get(
    "/",
    validate({ query: ZMentorProfileQuery }),
    handle(async (req, res) => {
      const { query } = inputOf(req, { query: ZMentorProfileQuery });
      res.json(await loadProfile(actorOf(req), query.mentorUserId));
    }),
  );

  router.put(
    "/",
    validate({ body: ZMentorProfileUpdate }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { body } = inputOf(req, { body: ZMentorProfileUpdate });
      const before = await loadProfile(actor, body.mentorUserId);
      authorizeProfile(actor, "edit", { ...courseScope(actor), mentorUserId: before.userId });
      const update: Record<string, string | null> = { trn: body.trn, schoolUrn: body.schoolUrn };
      // A date of birth is kept only where the programme asks for it.
      if (before.asksDateOfBirth && body.dateOfBirth !== undefined) update.dateOfBirth = body.dateOfBirth;
      await Member.updateOne({ ...courseScope(actor), userId: before.userId }, { $set: update });
      res.json(await loadProfile(actor, body.mentorUserId));
    }),
  );
  return router;
}
