import type { TMentorList, TMentorListQuery } from "../../contracts/mentors";
import { invalidField } from "../../errors";
import type { TProgramme } from "../../programme/schema";
import type { ModuleRecordDoc } from "../../models/moduleRecord";
import { groupBy } from "../../groupBy";
import { figureKey } from "../../queries/dashboardFigures";

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
  /** What each mentor adds to the dashboard's figures (queries/figuresOfCourse.ts), when a filter needs them. */
  figures?: Map<string, Map<string, number>>;
  /** The panel round the query names, or null when it names none of this course's. */
  round?: { id: string; name: string } | null;
}): { members: MentorMember[]; description: string | null } {
  const { programme, query } = props;
  const passedBy = groupBy(
    props.records.filter((r) => r.passed),
    (r) => r.mentorUserId,
  );
  const passed = (userId: string) => new Set((passedBy.get(userId) ?? []).map((r) => r.moduleCode));
  const words: string[] = [];
  const keep: Array<(m: MentorMember) => boolean> = [];
  const refuse = (field: string, label: string, message: string) => {
    throw invalidField(field, message, { summary: `${label}: ${message}.` });
  };
  if (query.search) {
    // Every word must appear in the name or the school, without regard to case or accents.
    const terms = fold(query.search).split(/\s+/);
    keep.push((m) => {
      const text = fold(`${m.name} ${m.school ?? ""}`);
      return terms.every((w) => text.includes(w));
    });
    words.push(`matching “${query.search}”`);
  }
  if (query.waitingForMark) {
    const waiting = new Set(props.records.filter((r) => r.status === "submitted").map((r) => r.mentorUserId));
    keep.push((m) => waiting.has(m.userId));
    words.push("with work waiting to be marked");
  }
  if (query.school) {
    keep.push((m) => m.school === query.school);
    words.push(`at ${query.school}`);
  }
  if (query.passedModule) {
    const module =
      programme.modules.find((m) => m.code === query.passedModule) ??
      refuse("query.passedModule", "Module", `there is no module ${query.passedModule} in this programme`);
    keep.push((m) => passed(m.userId).has(module.code));
    words.push(`who passed ${module.code}: ${module.title}`);
  }
  if (query.completedLevel) {
    const level =
      programme.levels.find((l) => l.code === query.completedLevel) ??
      refuse("query.completedLevel", "Level", `there is no level ${query.completedLevel} in this programme`);
    const codes = programme.modules.filter((m) => m.level === level.code).map((m) => m.code);
    keep.push((m) => codes.every((c) => passed(m.userId).has(c)));
    words.push(`who completed every ${level.title} module`);
  }
  if (query.completedAllModules) {
    keep.push((m) => programme.modules.every((c) => passed(m.userId).has(c.code)));
    words.push("who completed every module");
  }
  if (query.hoursInYear && props.hoursInYear && !query.hours) {
    const withHours = new Set(props.hoursInYear.filter((h) => h.hours > 0).map((h) => h.mentorUserId));
    keep.push((m) => withHours.has(m.userId));
    words.push(`with training hours in ${query.hoursInYear}`);
  }
  words.push(...figureFilters({ ...props, keep, refuse }));
  return {
    members: props.members.filter((m) => keep.every((k) => k(m))),
    description: words.length ? words.join(", ") : null,
  };
}

/** Lower case without accents, so "Zoe" finds "Zoë". */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

const stateWords: Record<string, string> = {
  draft: "draft",
  awaiting_round: "awaiting a panel round",
  in_review: "in review",
  needs_lead_decision: "needing the lead's decision",
  approved: "approved",
  resubmit: "to be resubmitted",
};

/**
 * The filters that name a dashboard figure (hours, portfolios, certificates, credit): keeps the
 * mentors who add to that figure, as the dashboard counts them. Returns the filters in words.
 */
function figureFilters(p: {
  programme: TProgramme;
  query: TMentorListQuery;
  figures?: Map<string, Map<string, number>>;
  round?: { id: string; name: string } | null;
  keep: Array<(m: MentorMember) => boolean>;
  refuse: (field: string, label: string, message: string) => never;
}): string[] {
  const { query, programme, keep, refuse } = p;
  const words: string[] = [];
  const figuresOf = (m: MentorMember) => p.figures?.get(m.userId) ?? new Map<string, number>();
  const adds = (test: (parts: string[]) => boolean) => (m: MentorMember) => {
    let total = 0;
    for (const [key, value] of figuresOf(m)) if (test(key.split("|").map(decodeURIComponent))) total += value;
    return total > 1e-9;
  };
  if (query.hours) {
    const kind = query.hours;
    keep.push(
      adds(
        ([k, year, hoursKind]) =>
          k === "hours" && (!query.hoursInYear || year === query.hoursInYear) && (kind === "any" || hoursKind === kind),
      ),
    );
    words.push(
      `with ${kind === "any" ? "" : `${kind} `}training hours${query.hoursInYear ? ` in ${query.hoursInYear}` : ""}`,
    );
  }
  if (query.round && !p.round) refuse("query.round", "Panel round", "there is no such panel round on this course");
  const round = p.round ?? null;
  if (query.portfolioState || round) {
    const states = new Set<string>(query.portfolioState ?? []);
    keep.push(
      adds(([k, ...rest]) =>
        round
          ? k === "round" && rest[0] === round.id && (states.size === 0 || states.has(rest[1]))
          : k === "portfolio" && states.has(rest[0]),
      ),
    );
    const inWords = [...states].map((s) => stateWords[s] ?? s).join(" or ");
    words.push(
      `with a portfolio${round ? " version" : ""}${inWords ? ` ${inWords}` : ""}${round ? ` in panel round ${round.name}` : ""}`,
    );
  }
  for (const [field, status] of [
    ["certificateIssued", "issued"],
    ["certificateRevoked", "revoked"],
  ] as const) {
    const code = query[field];
    if (!code) continue;
    const qualification =
      programme.qualifications.find((q) => q.code === code) ??
      refuse(
        `query.${field}`,
        status === "issued" ? "Certificate issued" : "Certificate revoked",
        `there is no qualification ${code} in this programme`,
      );
    keep.push((m) => (figuresOf(m).get(figureKey("cert", qualification.code, status)) ?? 0) > 0);
    words.push(`whose ${qualification.title} was ${status}`);
  }
  if (query.credit) {
    const status = query.credit;
    keep.push((m) => (figuresOf(m).get(`credits|${status}`) ?? 0) > 0);
    words.push(`with a ${status} credit award`);
  }
  return words;
}
