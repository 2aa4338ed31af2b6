import type { TMentorList, TMentorListQuery } from "../../contracts/mentors";
import { invalidInput } from "../../errors";
import type { TProgramme } from "../../programme/schema";
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
    filteredBy: null,
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

/**
 * The mentors a list filter keeps (the mentors behind a dashboard figure), and the filter in
 * words. The school is already the course's own spelling; unknown module or level codes are 400s.
 */
export function filterMentors(props: {
  programme: TProgramme;
  query: TMentorListQuery;
  members: MentorMember[];
  records: ModuleRecordDoc[];
  hoursInYear?: Array<{ mentorUserId: string; hours: number }>;
}): { members: MentorMember[]; description: string | null } {
  const { programme, query } = props;
  const passedBy = groupBy(props.records.filter((r) => r.passed), (r) => r.mentorUserId);
  const passed = (userId: string) => new Set((passedBy.get(userId) ?? []).map((r) => r.moduleCode));
  const words: string[] = [];
  const keep: Array<(m: MentorMember) => boolean> = [];
  const refuse = (field: string, label: string, message: string) => {
    throw invalidInput(`${label}: ${message}.`, { fields: [{ field, message }] });
  };
  if (query.school) {
    keep.push((m) => m.school === query.school);
    words.push(`at ${query.school}`);
  }
  if (query.passedModule) {
    const module = programme.modules.find((m) => m.code === query.passedModule) ?? refuse("query.passedModule", "Module", `there is no module ${query.passedModule} in this programme`);
    keep.push((m) => passed(m.userId).has(module.code));
    words.push(`who passed ${module.code}: ${module.title}`);
  }
  if (query.completedLevel) {
    const level = programme.levels.find((l) => l.code === query.completedLevel) ?? refuse("query.completedLevel", "Level", `there is no level ${query.completedLevel} in this programme`);
    const codes = programme.modules.filter((m) => m.level === level.code).map((m) => m.code);
    keep.push((m) => codes.every((c) => passed(m.userId).has(c)));
    words.push(`who completed every ${level.title} module`);
  }
  if (query.completedAllModules) {
    keep.push((m) => programme.modules.every((c) => passed(m.userId).has(c.code)));
    words.push("who completed every module");
  }
  if (query.hoursInYear && props.hoursInYear) {
    const withHours = new Set(props.hoursInYear.filter((h) => h.hours > 0).map((h) => h.mentorUserId));
    keep.push((m) => withHours.has(m.userId));
    words.push(`with training hours in ${query.hoursInYear}`);
  }
  return { members: props.members.filter((m) => keep.every((k) => k(m))), description: words.length ? words.join(", ") : null };
}
