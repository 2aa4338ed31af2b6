import { notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { courseScope, isStaff } from "../policies/scope";

/** A mentor of the actor's course, as the features that act on a mentor's records need them. */
export interface CourseMentor {
  id: string;
  name: string;
  school: string | null;
  /** The school's URN as the mentor entered it (null until they do). */
  schoolUrn: string | null;
}

/**
 * The mentor a request is about: the actor themself unless staff name another. Anyone who is
 * not a mentor of this course (or is, but the actor may not act for them) is a 404.
 */
export async function mentorInCourse(actor: Actor, requestedUserId?: string): Promise<CourseMentor> {
  const userId = requestedUserId ?? actor.userId;
  if (userId !== actor.userId && !isStaff(actor)) throw notFound("That mentor");
  const member = await Member.findOne(
    { ...courseScope(actor), userId, roles: "mentor" },
    { userId: 1, name: 1, school: 1, schoolUrn: 1 },
  ).lean();
  if (!member) throw notFound("That mentor");
  return { id: member.userId, name: member.name, school: member.school ?? null, schoolUrn: member.schoolUrn ?? null };
}
