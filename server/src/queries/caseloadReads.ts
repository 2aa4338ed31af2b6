import type { TMentorGlance, TAttentionFlag } from "../contracts/caseload";
import { groupBy } from "../groupBy";
import { AuditCompletion } from "../models/auditCompletion";
import { Evidence } from "../models/evidence";
import { Member } from "../models/member";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { Portfolio } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import type { MentorWorkSubject } from "../policies/mentorWork";
import { academicYearOf, allocateFunding, capsFor } from "../programme/funding";
import { recordsAsMarked } from "./moduleProgress";
import { programmeInForce } from "./programmeInForce";
import { reviewersRequired } from "../programme/moderation";
import { statusesOf } from "./portfolioReads";
import { supportOfMentor } from "./supportReads";

type Course = { tenantId: string; contextId: string };

/** No evidence added for this long asks for the lead mentor's attention. */
export const QUIET_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A mentor as the policy layer needs them: in this course, with their lead mentor (their own or
 * their school's). Null when the course has no such mentor (so the caller answers 404).
 */
export async function mentorWorkSubject(course: Course, mentorUserId: string): Promise<MentorWorkSubject | null> {
  const [member, support] = await Promise.all([
    Member.exists({ ...course, userId: mentorUserId, roles: "mentor", status: { $ne: "Deleted" } }),
    supportOfMentor(course, mentorUserId),
  ]);
  if (!member) return null;
  return { ...course, mentorUserId, leadMentorUserId: support.leadMentorUserId };
}

/**
 * Each listed mentor of the course at a glance: modules, audit, this year's hours, evidence,
 * portfolios and what needs attention. Only reads; one query per collection for all of them.
 */
export async function mentorGlances(
  course: Course,
  mentorUserIds: string[],
  now = new Date(),
): Promise<TMentorGlance[]> {
  if (mentorUserIds.length === 0) return [];
  const ids = { $in: mentorUserIds };
  const academicYear = academicYearOf(now.toISOString().slice(0, 10));
  const [{ definition: programme }, members, records, completions, hours, evidence, portfolios, versions] =
    await Promise.all([
      programmeInForce(course.tenantId, course.contextId),
      Member.find(
        { ...course, userId: ids, roles: "mentor", status: { $ne: "Deleted" } },
        { userId: 1, name: 1, school: 1 },
      )
        .sort({ name: 1 })
        .lean(),
      ModuleRecord.find({ ...course, mentorUserId: ids })
        .lean<ModuleRecordDoc[]>()
        .then(recordsAsMarked),
      AuditCompletion.find({ ...course, mentorUserId: ids }, { mentorUserId: 1, stage: 1 }).lean(),
      TrainingHoursEntry.find(
        { ...course, mentorUserId: ids, academicYear },
        { mentorUserId: 1, hours: 1, kind: 1, provider: 1, status: 1, date: 1 },
      ).lean(),
      Evidence.find({ ...course, mentorUserId: ids, archivedAt: null }, { mentorUserId: 1, createdAt: 1 }).lean<
        Array<{ mentorUserId: string; createdAt: Date }>
      >(),
      Portfolio.find({ ...course, mentorUserId: ids }, { mentorUserId: 1, qualificationCode: 1 }).lean(),
      PortfolioVersion.find({ ...course, mentorUserId: ids }, { evidence: 0, narrativeHtml: 0 })
        .sort({ number: 1 })
        .lean<PortfolioVersionDoc[]>(),
    ]);
  const statuses = await statusesOf(course, versions, reviewersRequired(programme));
  const latestVersion = new Map<string, PortfolioVersionDoc>();
  for (const v of versions) latestVersion.set(String(v.portfolioId), v);
  const [recordsOf, completionsOf, hoursOf, evidenceOf, portfoliosOf] = [
    groupBy(records, (r) => r.mentorUserId),
    groupBy(completions, (c) => c.mentorUserId),
    groupBy(hours, (h) => h.mentorUserId),
    groupBy(evidence, (e) => e.mentorUserId),
    groupBy(portfolios, (p) => p.mentorUserId),
  ];
  const caps = capsFor(programme, academicYear);
  const stages = programme.audit.stages;

  return members.map((m) => {
    const own = recordsOf.get(m.userId) ?? [];
    const passed = new Set(own.filter((r) => r.passed).map((r) => r.moduleCode));
    const done = new Set((completionsOf.get(m.userId) ?? []).map((c) => c.stage));
    const ledger = hoursOf.get(m.userId) ?? [];
    const funding = allocateFunding(ledger, caps);
    const completedHours = ledger.filter((h) => h.status !== "exempted").reduce((sum, h) => sum + h.hours, 0);
    const hoursOverCap = caps
      ? Math.max(0, completedHours - funding.initialFundedHours - funding.refresherFundedHours)
      : 0;
    const added = (evidenceOf.get(m.userId) ?? []).map((e) => e.createdAt.getTime());
    const lastAdded = added.length > 0 ? Math.max(...added) : null;
    const mentorPortfolios = (portfoliosOf.get(m.userId) ?? []).map((p) => {
      const latest = latestVersion.get(p._id.toString());
      const title = programme.qualifications.find((q) => q.code === p.qualificationCode)?.title ?? p.qualificationCode;
      return {
        qualificationCode: p.qualificationCode,
        title,
        status: latest ? statuses.get(latest._id.toString())! : ("draft" as const),
      };
    });

    const flags: TAttentionFlag[] = [];
    if (lastAdded === null || now.getTime() - lastAdded > QUIET_DAYS * DAY_MS) flags.push("noRecentEvidence");
    // A stage that waits on modules (the audit before Mastery) is due once they are passed.
    if (
      stages.some(
        (s) => s.requiresModules.length > 0 && !done.has(s.code) && s.requiresModules.every((code) => passed.has(code)),
      )
    )
      flags.push("auditBeforeMastery");
    if (mentorPortfolios.some((p) => p.status === "resubmit")) flags.push("resubmissionPending");
    if (hoursOverCap > 0) flags.push("hoursOverCap");

    return {
      id: m.userId,
      name: m.name,
      school: m.school ?? null,
      modulesPassed: passed.size,
      modulesTotal: programme.modules.length,
      modulesSubmitted: own.filter((r) => r.status === "submitted").length,
      auditStagesDone: stages.filter((s) => done.has(s.code)).map((s) => s.title),
      auditStagesTotal: stages.length,
      academicYear,
      hoursThisYear: ledger.reduce((sum, h) => sum + h.hours, 0),
      hoursOverCap,
      evidenceCount: added.length,
      lastEvidenceAddedOn: lastAdded === null ? null : new Date(lastAdded).toISOString().slice(0, 10),
      portfolios: mentorPortfolios,
      flags,
    };
  });
}
