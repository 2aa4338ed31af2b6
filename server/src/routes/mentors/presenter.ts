import type { TMentorList } from "../../contracts/mentors";
import type { ModuleRecordDoc } from "../../models/moduleRecord";
import { groupBy } from "../../groupBy";

type MentorMember = { userId: string; name: string; school?: string | null };

/** The course's mentors with their pathway progress and this year's training hours. */
export function presentMentorList(props: {
  academicYear: string;
  modulesTotal: number;
  members: MentorMember[];
  records: ModuleRecordDoc[];
  hours: Array<{ mentorUserId: string; hours: number }>;
}): TMentorList {
  const recordsOf = groupBy(props.records, (r) => r.mentorUserId);
  const hoursOf = groupBy(props.hours, (h) => h.mentorUserId);
  return {
    academicYear: props.academicYear,
    mentors: props.members.map((m) => {
      const own = recordsOf.get(m.userId) ?? [];
      return {
        id: m.userId,
        name: m.name,
        school: m.school ?? null,
        modulesPassed: own.filter((r) => r.passed).length,
        modulesTotal: props.modulesTotal,
        modulesSubmitted: own.filter((r) => r.status === "submitted").length,
        hoursThisYear: (hoursOf.get(m.userId) ?? []).reduce((sum, h) => sum + h.hours, 0),
      };
    }),
  };
}
