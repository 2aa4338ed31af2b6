import { Member } from "../models/member";
import { MentorSupport, type MentorSupportDoc } from "../models/mentorSupport";
import { SchoolSupport, type SchoolSupportDoc } from "../models/schoolSupport";

type Course = { tenantId: string; contextId: string };

/** Where a mentor's supporter comes from: the LMS (role_scope_mentor), the programme lead for this mentor, or their school's rule. */
export type TSupportSource = "lms" | "programmeLead" | "school";

/** The people around one mentor in one course, as worked out at read time. */
export interface ResolvedSupport {
  mentorUserId: string;
  school: string | null;
  leadMentorUserId: string | null;
  leadMentorSource: TSupportSource | null;
  linkTutorUserId: string | null;
  linkTutorSource: Exclude<TSupportSource, "lms"> | null;
  coordinatingMentorUserId: string | null;
}

/** A supporting role the caseload and sign-off routes look people up by. */
export type SupportRole = "leadMentor" | "linkTutor" | "coordinatingMentor";

/** A school's name folded for matching: case and spacing do not make two schools. */
export const schoolKeyOf = (school: string) => school.trim().replace(/\s+/g, " ").toLocaleLowerCase("en-GB");

/**
 * One mentor's people from what is stored: what was set for the mentor (by the LMS or a programme
 * lead) wins over their school's rule, which fills in whatever was not. Nobody supports
 * themselves: a rule naming the mentor (a coordinating mentor at their own school) skips them.
 */
function resolve(
  mentorUserId: string,
  school: string | null,
  own: Pick<MentorSupportDoc, "leadMentorUserId" | "leadMentorSource" | "linkTutorUserId"> | undefined,
  rule: SchoolSupportDoc | undefined,
): ResolvedSupport {
  const notSelf = (id: string | null | undefined) => (id && id !== mentorUserId ? id : null);
  const ownLead = notSelf(own?.leadMentorUserId);
  const ownTutor = notSelf(own?.linkTutorUserId);
  const ruleLead = notSelf(rule?.leadMentorUserId);
  const ruleTutor = notSelf(rule?.linkTutorUserId);
  return {
    mentorUserId,
    school,
    leadMentorUserId: ownLead ?? ruleLead,
    leadMentorSource: ownLead
      ? ((own?.leadMentorSource as TSupportSource | null) ?? "programmeLead")
      : ruleLead
        ? "school"
        : null,
    linkTutorUserId: ownTutor ?? ruleTutor,
    linkTutorSource: ownTutor ? "programmeLead" : ruleTutor ? "school" : null,
    coordinatingMentorUserId: notSelf(rule?.coordinatingMentorUserId),
  };
}

/**
 * The people around each of these mentors: lead mentor, link tutor and coordinating mentor,
 * resolved from their own assignments and their current school's rule, so a school assignment
 * reaches mentors who joined the school after it was made. Three reads for all of them.
 */
export async function supportOfMentors(course: Course, mentorUserIds: string[]): Promise<Map<string, ResolvedSupport>> {
  const ids = [...new Set(mentorUserIds)];
  if (ids.length === 0) return new Map();
  const [members, own, rules] = await Promise.all([
    Member.find({ ...course, userId: { $in: ids } }, { userId: 1, school: 1 }).lean(),
    MentorSupport.find(
      { ...course, mentorUserId: { $in: ids } },
      { mentorUserId: 1, leadMentorUserId: 1, leadMentorSource: 1, linkTutorUserId: 1 },
    ).lean(),
    SchoolSupport.find(course).lean<SchoolSupportDoc[]>(),
  ]);
  const schoolOf = new Map(members.map((m) => [m.userId, m.school ?? null]));
  const ownOf = new Map(own.map((s) => [s.mentorUserId, s]));
  const ruleOf = new Map(rules.map((r) => [r.schoolKey, r]));
  return new Map(
    ids.map((id) => {
      const school = schoolOf.get(id) ?? null;
      return [id, resolve(id, school, ownOf.get(id), school ? ruleOf.get(schoolKeyOf(school)) : undefined)];
    }),
  );
}

/** One mentor's people (see supportOfMentors). */
export async function supportOfMentor(course: Course, mentorUserId: string): Promise<ResolvedSupport> {
  return (await supportOfMentors(course, [mentorUserId])).get(mentorUserId)!;
}

const fieldOf = {
  leadMentor: "leadMentorUserId",
  linkTutor: "linkTutorUserId",
  coordinatingMentor: "coordinatingMentorUserId",
} as const;

/**
 * The mentors of the course whom this person supports in this role, resolved as supportOfMentors
 * does: those assigned to them one by one, and the mentors now at a school whose rule names them
 * (unless the mentor has someone else of their own). Mentors removed from the course are left out.
 */
export async function mentorsSupportedBy(course: Course, userId: string, role: SupportRole): Promise<string[]> {
  const field = fieldOf[role];
  const [own, rules] = await Promise.all([
    role === "coordinatingMentor"
      ? Promise.resolve([])
      : MentorSupport.find({ ...course, [field]: userId }, { mentorUserId: 1 }).lean(),
    SchoolSupport.find({ ...course, [field]: userId }, { schoolKey: 1 }).lean(),
  ]);
  const candidates = new Set(own.map((s) => s.mentorUserId));
  if (rules.length > 0) {
    const keys = new Set(rules.map((r) => r.schoolKey));
    const mentors = await Member.find(
      { ...course, roles: "mentor", status: { $ne: "Deleted" }, school: { $ne: null } },
      { userId: 1, school: 1 },
    ).lean();
    for (const m of mentors) if (m.school && keys.has(schoolKeyOf(m.school))) candidates.add(m.userId);
  }
  candidates.delete(userId);
  if (candidates.size === 0) return [];
  const resolved = await supportOfMentors(course, [...candidates]);
  return [...resolved.values()].filter((s) => s[field] === userId).map((s) => s.mentorUserId);
}
