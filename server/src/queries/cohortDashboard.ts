import type { TDashboardFigures, TDashboardQuery } from "../contracts/dashboard";
import {
  certificateCounts,
  creditCounts,
  hoursCounts,
  mentorFilter,
  mentorSchools,
  moduleProgress,
} from "./cohortCounts";
import { portfolioCounts } from "./portfolioReads";
import { programmeInForce } from "./programmeInForce";

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The programme lead's view of one course: completion per module, level and school, portfolios
 * by state and round, certificates, credits and training hours, counted from the records (module
 * progress in one pass here, the rest by $match/$group/$sum or countDocuments). Requests read it
 * through dashboardSnapshot.ts, which keeps the result until the course changes.
 */
export async function cohortDashboard(
  scope: { tenantId: string; contextId: string },
  q: TDashboardQuery,
): Promise<TDashboardFigures> {
  const programme = await programmeInForce(scope.tenantId, scope.contextId);
  const def = programme.definition;
  const mf = await mentorFilter(scope, q.school);
  const allCodes = def.modules.map((m) => m.code);

  const [roster, modules, portfolios, certs, credits, hours] = await Promise.all([
    mentorSchools(scope, q.school),
    moduleProgress(scope, mf),
    portfolioCounts(scope),
    certificateCounts(scope, mf),
    creditCounts(scope, mf),
    hoursCounts(scope, mf, q.academicYear),
  ]);
  const completedAll = modules.mentorsWhoPassedAll(allCodes);
  const levelDone = def.levels.map((l) =>
    modules.mentorsWhoPassedAll(def.modules.filter((m) => m.level === l.code).map((m) => m.code)),
  );
  const completedBySchool = roster.perSchoolOf(completedAll);

  return {
    programme: { code: programme.code, version: programme.version, title: def.title },
    mentors: roster.count,
    modules: def.modules.map((m) => ({
      code: m.code,
      title: m.title,
      level: m.level,
      started: modules.started.get(m.code) ?? 0,
      completed: modules.passed.get(m.code) ?? 0,
    })),
    levels: def.levels.map((l, i) => ({
      code: l.code,
      title: l.title,
      modules: def.modules.filter((m) => m.level === l.code).length,
      mentorsCompleted: levelDone[i].length,
    })),
    schools: [...roster.perSchool.entries()]
      .map(([school, n]) => ({
        school,
        mentors: n,
        completedAllModules: completedBySchool.get(school) ?? 0,
        trainingHours: round1(hours.bySchool.get(school) ?? 0),
      }))
      .sort((a, b) => (a.school ?? "~").localeCompare(b.school ?? "~")),
    portfolios: {
      total: portfolios.total,
      byState: portfolios.byState,
      byRound: portfolios.byRound.map((r) => ({
        id: r.roundId,
        name: r.name,
        date: r.date.toISOString().slice(0, 10),
        total: r.total,
        byState: r.byState,
      })),
    },
    certificates: {
      issued: [...certs.issued.values()].reduce((a, b) => a + b, 0),
      revoked: [...certs.revoked.values()].reduce((a, b) => a + b, 0),
      byQualification: def.qualifications.map((qual) => ({
        code: qual.code,
        title: qual.title,
        issued: certs.issued.get(qual.code) ?? 0,
        revoked: certs.revoked.get(qual.code) ?? 0,
      })),
    },
    credits,
    trainingHours: {
      total: round1([...hours.byKind.values()].reduce((a, b) => a + b, 0)),
      initial: round1(hours.byKind.get("initial") ?? 0),
      refresher: round1(hours.byKind.get("refresher") ?? 0),
      byYear: [...hours.byYear.entries()]
        .filter(([y]) => y !== null)
        .map(([academicYear, h]) => ({ academicYear: academicYear!, hours: round1(h) }))
        .sort((a, b) => a.academicYear.localeCompare(b.academicYear)),
    },
  };
}
