import { MentorSupport } from "../models/mentorSupport";

/**
 * Keeps a lead mentor's caseload in step with the LMS: the launch's role_scope_mentor names the
 * users this lead mentor mentors in the course. Each named mentor gets them as lead mentor (the
 * LMS wins over an assignment made in the tool); mentors the LMS gave them before but no longer
 * names lose them. Reads first, so a repeat launch with the same list writes nothing.
 */
export async function recordMentorScope(props: {
  tenantId: string;
  contextId: string;
  leadMentorUserId: string;
  mentorUserIds: string[];
}): Promise<void> {
  const course = { tenantId: props.tenantId, contextId: props.contextId };
  const lead = props.leadMentorUserId;
  // Nobody is their own lead mentor.
  const named = new Set(props.mentorUserIds.filter((id) => id !== lead));
  const current = await MentorSupport.find(
    { ...course, leadMentorUserId: lead },
    { mentorUserId: 1, leadMentorSource: 1 },
  ).lean();
  const held = new Map(current.map((s) => [s.mentorUserId, s.leadMentorSource]));

  const writes: Promise<unknown>[] = [];
  for (const mentorUserId of named) {
    if (held.get(mentorUserId) === "lms") continue;
    writes.push(
      MentorSupport.updateOne(
        { ...course, mentorUserId },
        { $set: { leadMentorUserId: lead, leadMentorSource: "lms", updatedBy: lead } },
        { upsert: true },
      ),
    );
  }
  for (const s of current) {
    if (s.leadMentorSource === "lms" && !named.has(s.mentorUserId)) {
      // Conditional on still being theirs from the LMS: a programme lead's change since is kept.
      writes.push(
        MentorSupport.updateOne(
          { ...course, mentorUserId: s.mentorUserId, leadMentorUserId: lead, leadMentorSource: "lms" },
          { $set: { leadMentorUserId: null, leadMentorSource: null, updatedBy: lead } },
        ),
      );
    }
  }
  await Promise.all(writes);
}
