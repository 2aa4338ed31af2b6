import { invalidField } from "../errors";
import { Member } from "../models/member";
import { MentorSupport } from "../models/mentorSupport";
import { SchoolSupport } from "../models/schoolSupport";
import { schoolKeyOf } from "../queries/supportReads";

type Course = { tenantId: string; contextId: string };

function refuse(field: string, label: string, message: string): never {
  throw invalidField(field, message, { label, summary: `${label}: ${message}` });
}

/** The chosen person must be in the course with the right role; null (clear) always passes. */
async function checkChoice(
  course: Course,
  userId: string | null | undefined,
  roles: string[],
  field: string,
  label: string,
  what: string,
): Promise<void> {
  if (!userId) return;
  const found = await Member.exists({ ...course, userId, roles: { $in: roles }, status: { $ne: "Deleted" } });
  if (!found) refuse(field, label, `choose ${what} on this course`);
}

/** A coordinating mentor is someone at the school itself: a mentor or lead mentor whose school is this one. */
async function checkCoordinatingMentor(
  course: Course,
  userId: string | null | undefined,
  school: string,
  field: string,
): Promise<void> {
  if (!userId) return;
  const person = await Member.findOne(
    { ...course, userId, roles: { $in: ["mentor", "leadMentor"] }, status: { $ne: "Deleted" } },
    { school: 1 },
  ).lean();
  if (!person || !person.school || schoolKeyOf(person.school) !== schoolKeyOf(school)) {
    refuse(field, "Coordinating mentor", `choose a mentor or lead mentor at ${school}`);
  }
}

/**
 * A programme lead sets (or clears, with null) the lead mentor and/or link tutor of some of the
 * course's mentors: one write per mentor, each their own document. Fields left out are kept; a
 * cleared field falls back to the mentor's school's rule, if it has one.
 * Returns how many mentors were updated.
 */
export async function assignSupport(props: {
  course: Course;
  mentorUserIds: string[];
  leadMentorUserId?: string | null;
  linkTutorUserId?: string | null;
  by: string;
  fieldPrefix?: string;
}): Promise<number> {
  const { course } = props;
  const prefix = props.fieldPrefix ?? "body";
  await Promise.all([
    checkChoice(
      course,
      props.leadMentorUserId,
      ["leadMentor"],
      `${prefix}.leadMentorUserId`,
      "Lead mentor",
      "a lead mentor",
    ),
    checkChoice(course, props.linkTutorUserId, ["tutor", "lead"], `${prefix}.linkTutorUserId`, "Link tutor", "a tutor"),
  ]);
  if (props.leadMentorUserId && props.mentorUserIds.includes(props.leadMentorUserId)) {
    refuse(`${prefix}.leadMentorUserId`, "Lead mentor", "a mentor cannot be their own lead mentor");
  }
  if (props.linkTutorUserId && props.mentorUserIds.includes(props.linkTutorUserId)) {
    refuse(`${prefix}.linkTutorUserId`, "Link tutor", "a mentor cannot be their own link tutor");
  }
  const set: Record<string, unknown> = { updatedBy: props.by };
  if (props.leadMentorUserId !== undefined) {
    set.leadMentorUserId = props.leadMentorUserId;
    set.leadMentorSource = props.leadMentorUserId ? "programmeLead" : null;
  }
  if (props.linkTutorUserId !== undefined) set.linkTutorUserId = props.linkTutorUserId;
  await Promise.all(
    props.mentorUserIds.map((mentorUserId) =>
      MentorSupport.updateOne({ ...course, mentorUserId }, { $set: set }, { upsert: true }),
    ),
  );
  return props.mentorUserIds.length;
}

/**
 * A programme lead sets (or clears, with null) who supports every mentor of a school: its lead
 * mentor, link tutor and coordinating mentor. Stored as the school's rule (one write), read
 * whenever a mentor's people are worked out, so mentors who join the school later have them too.
 * What was set for the school's present mentors one by one in the tool gives way to the rule, as
 * assigning "every mentor of a school" says; a lead mentor the LMS names (role_scope_mentor) still
 * wins. Returns how many mentors are at the school now.
 */
export async function assignSchoolSupport(props: {
  course: Course;
  /** The school as the course spells it. */
  school: string;
  leadMentorUserId?: string | null;
  linkTutorUserId?: string | null;
  coordinatingMentorUserId?: string | null;
  by: string;
}): Promise<number> {
  const { course, school } = props;
  await Promise.all([
    checkChoice(
      course,
      props.leadMentorUserId,
      ["leadMentor"],
      "body.leadMentorUserId",
      "Lead mentor",
      "a lead mentor",
    ),
    checkChoice(course, props.linkTutorUserId, ["tutor", "lead"], "body.linkTutorUserId", "Link tutor", "a tutor"),
    checkCoordinatingMentor(course, props.coordinatingMentorUserId, school, "body.coordinatingMentorUserId"),
  ]);
  const schoolKey = schoolKeyOf(school);
  const set: Record<string, unknown> = { school, updatedBy: props.by };
  for (const field of ["leadMentorUserId", "linkTutorUserId", "coordinatingMentorUserId"] as const) {
    if (props[field] !== undefined) set[field] = props[field];
  }
  await SchoolSupport.updateOne({ ...course, schoolKey }, { $set: set }, { upsert: true });

  const mentors = (
    await Member.find(
      { ...course, roles: "mentor", status: { $ne: "Deleted" }, school: { $ne: null } },
      { userId: 1, school: 1 },
    ).lean()
  )
    .filter((m) => m.school && schoolKeyOf(m.school) === schoolKey)
    .map((m) => m.userId);
  if (mentors.length > 0) {
    const own = { ...course, mentorUserId: { $in: mentors } };
    await Promise.all([
      props.leadMentorUserId !== undefined &&
        MentorSupport.updateMany(
          { ...own, leadMentorSource: "programmeLead" },
          { $set: { leadMentorUserId: null, leadMentorSource: null, updatedBy: props.by } },
        ),
      props.linkTutorUserId !== undefined &&
        MentorSupport.updateMany(
          { ...own, linkTutorUserId: { $ne: null } },
          { $set: { linkTutorUserId: null, updatedBy: props.by } },
        ),
    ]);
  }
  return mentors.length;
}
