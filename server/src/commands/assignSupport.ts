import { invalidInput } from "../errors";
import { Member } from "../models/member";
import { MentorSupport } from "../models/mentorSupport";

type Course = { tenantId: string; contextId: string };

function refuse(field: string, label: string, message: string): never {
  throw invalidInput(`${label}: ${message}`, { fields: [{ field, label, message }] });
}

/** The chosen person must be in the course with the right role; null (clear) always passes. */
async function checkChoice(course: Course, userId: string | null | undefined, roles: string[], field: string, label: string, what: string): Promise<void> {
  if (!userId) return;
  const found = await Member.exists({ ...course, userId, roles: { $in: roles }, status: { $ne: "Deleted" } });
  if (!found) refuse(field, label, `choose ${what} on this course`);
}

/**
 * A programme lead sets (or clears, with null) the lead mentor and/or link tutor of some of the
 * course's mentors: one write per mentor, each their own document. Fields left out are kept.
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
    checkChoice(course, props.leadMentorUserId, ["leadMentor"], `${prefix}.leadMentorUserId`, "Lead mentor", "a lead mentor"),
    checkChoice(course, props.linkTutorUserId, ["tutor", "lead"], `${prefix}.linkTutorUserId`, "Link tutor", "a tutor"),
  ]);
  if (props.leadMentorUserId && props.mentorUserIds.includes(props.leadMentorUserId)) {
    refuse(`${prefix}.leadMentorUserId`, "Lead mentor", "a mentor cannot be their own lead mentor");
  }
  const set: Record<string, unknown> = { updatedBy: props.by };
  if (props.leadMentorUserId !== undefined) {
    set.leadMentorUserId = props.leadMentorUserId;
    set.leadMentorSource = props.leadMentorUserId ? "programmeLead" : null;
  }
  if (props.linkTutorUserId !== undefined) set.linkTutorUserId = props.linkTutorUserId;
  await Promise.all(props.mentorUserIds.map((mentorUserId) => MentorSupport.updateOne({ ...course, mentorUserId }, { $set: set }, { upsert: true })));
  return props.mentorUserIds.length;
}
