import type { TDashboardFigures, TDashboardQuery } from "../contracts/dashboard";
import type { TProgramme } from "../programme/schema";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import type { PortfolioState } from "./portfolioReads";

/**
 * The lead's dashboard as counters: what one mentor adds to each figure, and the dashboard made
 * back from the sums. The same figures as the full count (cohortDashboard.ts), which the
 * counters test holds them to.
 */

/** A figure's key: parts joined by "|", each escaped so that it is a safe field name ("." and "$" too). */
export const figureKey = (...parts: Array<string | number>) =>
  parts.map((p) => encodeURIComponent(String(p)).replace(/\./g, "%2E")).join("|");
const partsOf = (key: string) => key.split("|").map(decodeURIComponent);
/** Schools are named by JSON so that "no school" (null) and a school called "null" differ. */
const schoolPart = (school: string | null | undefined) => JSON.stringify(school ?? null);
/** Figures counted for the whole course only (the school filter does not apply to portfolios). */
export const isCourseOnly = (key: string) => key.startsWith("portfolio|") || key.startsWith("round|");

const STATES: PortfolioState[] = [
  "draft",
  "awaiting_round",
  "in_review",
  "needs_lead_decision",
  "approved",
  "resubmit",
];

/** One mentor's records, as far as the dashboard counts them. */
export interface MentorData {
  member: { roles: string[]; school?: string | null } | null;
  records: Array<{ moduleCode: string; passed?: boolean | null }>;
  certificates: Array<{ qualificationCode: string; revokedAt?: Date | null }>;
  ledger: Array<{ credits: number; provisionalDelta: number; ratifiedDelta: number; reversedDelta: number }>;
  hours: Array<{ academicYear: string; kind: string; school?: string | null; hours: number }>;
  /** Each portfolio's state (its latest version's status, or draft). */
  portfolioStates: PortfolioState[];
  /** Each version placed in a round, with its status. */
  roundStates: Array<{ roundId: string; state: PortfolioState }>;
}

/** What one mentor adds to the figures, and the school bucket it also goes to (roster mentors with a school). */
export function figuresOfMentor(
  data: MentorData,
  def: TProgramme,
): { school: string | null; figures: Map<string, number> } {
  const figures = new Map<string, number>();
  const add = (key: string, amount = 1) => figures.set(key, (figures.get(key) ?? 0) + amount);
  const isRosterMentor = data.member?.roles.includes("mentor") ?? false;
  const school = data.member?.school ?? null;
  if (isRosterMentor) {
    add("mentors");
    add(figureKey("school", schoolPart(school), "mentors"));
  }
  const passed = new Set<string>();
  for (const r of data.records) {
    add(figureKey("module", r.moduleCode, "started"));
    if (!r.passed) continue;
    add(figureKey("module", r.moduleCode, "passed"));
    passed.add(r.moduleCode);
  }
  const passedAll = (codes: string[]) => codes.length > 0 && codes.every((c) => passed.has(c));
  for (const level of def.levels) {
    if (passedAll(def.modules.filter((m) => m.level === level.code).map((m) => m.code)))
      add(figureKey("level", level.code, "completed"));
  }
  if (isRosterMentor && passedAll(def.modules.map((m) => m.code)))
    add(figureKey("school", schoolPart(school), "completedAll"));
  for (const c of data.certificates) {
    add(figureKey("cert", c.qualificationCode, "issued"));
    if (c.revokedAt) add(figureKey("cert", c.qualificationCode, "revoked"));
  }
  for (const line of data.ledger) {
    add("credits|provisional", line.provisionalDelta);
    add("credits|ratified", line.ratifiedDelta);
    add("credits|reversed", line.reversedDelta);
    add("credits|provisionalCredits", line.provisionalDelta * line.credits);
    add("credits|ratifiedCredits", line.ratifiedDelta * line.credits);
  }
  for (const e of data.hours) add(figureKey("hours", e.academicYear, e.kind, schoolPart(e.school)), e.hours);
  for (const state of data.portfolioStates) add(figureKey("portfolio", state));
  for (const v of data.roundStates) add(figureKey("round", v.roundId, v.state));
  for (const [key, value] of figures) if (value === 0) figures.delete(key);
  return { school: isRosterMentor && typeof school === "string" ? school : null, figures };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * The dashboard from summed figures: `bucket` is the course's (no school filter) or the school's,
 * `course` the course's (portfolios are always the whole course's), `rounds` the course's panel
 * rounds by date.
 */
export function dashboardFromFigures(p: {
  programme: { code: string; version: number; definition: TProgramme };
  bucket: Record<string, number>;
  course: Record<string, number>;
  rounds: Array<{ _id: unknown; name: string; date: Date }>;
  query: TDashboardQuery;
}): TDashboardFigures {
  const { definition: def, code, version } = p.programme;
  const n = (key: string) => p.bucket[key] ?? 0;
  const schools = new Map<string | null, { mentors: number; completedAllModules: number }>();
  const hoursByYear = new Map<string, number>();
  const hoursByKind = new Map<string, number>();
  const hoursBySchool = new Map<string | null, number>();
  const certs = { issued: new Map<string, number>(), revoked: new Map<string, number>() };
  for (const [key, value] of Object.entries(p.bucket)) {
    const [kind, ...rest] = partsOf(key);
    if (kind === "school" && rest[1] === "mentors" && value > 0) {
      const school = JSON.parse(rest[0]) as string | null;
      schools.set(school, { mentors: value, completedAllModules: n(figureKey("school", rest[0], "completedAll")) });
    } else if (kind === "hours" && (!p.query.academicYear || rest[0] === p.query.academicYear)) {
      hoursByYear.set(rest[0], (hoursByYear.get(rest[0]) ?? 0) + value);
      hoursByKind.set(rest[1], (hoursByKind.get(rest[1]) ?? 0) + value);
      const school = JSON.parse(rest[2]) as string | null;
      hoursBySchool.set(school, (hoursBySchool.get(school) ?? 0) + value);
    } else if (kind === "cert") {
      certs[rest[1] as "issued" | "revoked"]?.set(rest[0], value);
    }
  }
  const byState = (prefix: (s: PortfolioState) => string) =>
    Object.fromEntries(STATES.map((s) => [s, p.course[prefix(s)] ?? 0])) as Record<PortfolioState, number>;
  const portfolioStates = byState((s) => figureKey("portfolio", s));
  return {
    programme: { code, version, title: def.title },
    mentors: n("mentors"),
    modules: def.modules.map((m) => ({
      code: m.code,
      title: m.title,
      level: m.level,
      started: n(figureKey("module", m.code, "started")),
      completed: n(figureKey("module", m.code, "passed")),
    })),
    levels: def.levels.map((l) => ({
      code: l.code,
      title: l.title,
      modules: def.modules.filter((m) => m.level === l.code).length,
      mentorsCompleted: n(figureKey("level", l.code, "completed")),
    })),
    schools: [...schools.entries()]
      .map(([school, s]) => ({
        school,
        mentors: s.mentors,
        completedAllModules: s.completedAllModules,
        trainingHours: round1(hoursBySchool.get(school) ?? 0),
      }))
      .sort((a, b) => (a.school ?? "~").localeCompare(b.school ?? "~")),
    portfolios: {
      total: sum(Object.values(portfolioStates)),
      byState: portfolioStates,
      byRound: p.rounds.map((r) => {
        const counts = byState((s) => figureKey("round", String(r._id), s));
        return {
          id: String(r._id),
          name: r.name,
          date: r.date.toISOString().slice(0, 10),
          total: sum(Object.values(counts)),
          byState: counts,
        };
      }),
    },
    certificates: {
      issued: sum(certs.issued.values()),
      revoked: sum(certs.revoked.values()),
      byQualification: def.qualifications.map((q) => ({
        code: q.code,
        title: q.title,
        issued: certs.issued.get(q.code) ?? 0,
        revoked: certs.revoked.get(q.code) ?? 0,
      })),
    },
    credits: {
      provisional: n("credits|provisional"),
      ratified: n("credits|ratified"),
      reversed: n("credits|reversed"),
      provisionalCredits: n("credits|provisionalCredits"),
      ratifiedCredits: n("credits|ratifiedCredits"),
    },
    trainingHours: {
      total: round1(sum(hoursByKind.values())),
      initial: round1(hoursByKind.get("initial") ?? 0),
      refresher: round1(hoursByKind.get("refresher") ?? 0),
      // A year whose entries were all deleted sums to (about) nothing: the full count does not list it.
      byYear: [...hoursByYear.entries()]
        .filter(([, h]) => Math.abs(h) > 1e-9)
        .map(([academicYear, h]) => ({ academicYear, hours: round1(h) }))
        .sort((a, b) => a.academicYear.localeCompare(b.academicYear)),
    },
  };
}

/** Portfolios by the status of their latest version (draft without one), and versions placed in rounds. */
export function portfolioFigures(
  portfolios: Array<{ _id: unknown }>,
  versions: PortfolioVersionDoc[],
  statuses: Map<string, PortfolioState>,
) {
  const latest = new Map<string, PortfolioVersionDoc>();
  for (const v of versions) {
    const known = latest.get(String(v.portfolioId));
    if (!known || known.number < v.number) latest.set(String(v.portfolioId), v);
  }
  return {
    portfolioStates: portfolios.map((p): PortfolioState => {
      const v = latest.get(String(p._id));
      return v ? statuses.get(String(v._id))! : "draft";
    }),
    roundStates: versions
      .filter((v) => v.roundId)
      .map((v) => ({ roundId: String(v.roundId), state: statuses.get(String(v._id))! })),
  };
}
