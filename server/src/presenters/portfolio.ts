import type {
  TFeedback,
  TFrozenEvidence,
  TPortfolio,
  TPortfolioVersion,
  TPriorLearningRouteInfo,
  TVersionStatus,
  TVersionSummary,
} from "../contracts/portfolio";
import { ZPortfolio, ZPortfolioVersion } from "../contracts/portfolio";
import type { Actor } from "../lti/sessionToken";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import type { TQualification } from "../programme/schema";
import { computeCoverage } from "../programme/coverage";
import type { PortfolioDetails, VersionDetails } from "../queries/portfolioDetails";
import type { VersionWithFeedback } from "../queries/portfolioReads";
import { versionStatus } from "../programme/moderation";
import type { RoundInfo } from "../queries/roundsById";
import { versionChanges } from "../programme/versionChanges";
import { can } from "../policies";
import { isLead } from "../policies/scope";
import { isoDay } from "./evidence";
import { priorLearningRouteOf } from "../programme/priorLearningRoute";

export function presentQualification(q: TQualification) {
  const route = priorLearningRouteOf(q);
  return {
    code: q.code,
    title: q.title,
    summary: q.summary,
    minimumEvidenceSpanDays: q.minimumEvidenceSpanDays,
    priorLearningAllowed: route !== null,
    priorLearningRoute: route ? presentRoute(route) : null,
    requiredModules: q.requiredModules,
  };
}

/** A prior-learning route's rules, picked field by field. */
function presentRoute(r: {
  waivesModules?: string[] | null;
  evidenceWithinYears?: number | null;
  statementMinLength?: number | null;
  earnsCredit?: boolean | null;
}): TPriorLearningRouteInfo {
  return {
    waivesModules: [...(r.waivesModules ?? [])],
    evidenceWithinYears: r.evidenceWithinYears ?? null,
    statementMinLength: r.statementMinLength ?? 0,
    earnsCredit: r.earnsCredit ?? false,
  };
}

export function presentVersionSummary(
  v: PortfolioVersionDoc,
  status: TVersionStatus,
  rounds: Map<string, RoundInfo>,
): TVersionSummary {
  return {
    id: v._id.toString(),
    portfolioId: v.portfolioId.toString(),
    number: v.number,
    qualificationCode: v.qualificationCode,
    mentor: { userId: v.mentorUserId, name: v.mentorName },
    submittedAt: v.submittedAt.toISOString(),
    priorLearning: v.priorLearning ?? false,
    status,
    round: v.roundId ? (rounds.get(v.roundId.toString()) ?? null) : null,
  };
}

/** A mentor's portfolio: draft, versions and whether (and why not) it can be submitted now (read by queries/portfolioDetails.ts). */
export function presentPortfolio({
  portfolio,
  qualification,
  entries,
  versions,
  reasons,
  rounds,
}: PortfolioDetails): TPortfolio {
  return ZPortfolio.parse({
    id: portfolio._id.toString(),
    qualification: presentQualification(qualification),
    status: versions.at(-1)?.status ?? "draft",
    narrativeHtml: portfolio.narrativeHtml ?? "",
    priorLearning: {
      applying: portfolio.priorLearning?.applying ?? false,
      statement: portfolio.priorLearning?.statement ?? "",
    },
    evidenceIds: entries.map((e) => e.evidenceId.toString()),
    versions: versions.map((v) => presentVersionSummary(v.version, v.status, rounds)),
    submission: { canSubmit: reasons.length === 0, reasons },
    version: portfolio.version ?? 0,
    updatedAt: portfolio.updatedAt.toISOString(),
  });
}

/** A frozen version's evidence in contract shape (GridFS ids stay on the server). */
export function frozenEvidenceOf(v: PortfolioVersionDoc): TFrozenEvidence[] {
  return v.evidence.map((e) => ({
    evidenceId: e.evidenceId,
    title: e.title ?? "",
    practiceDate: isoDay(e.practiceDate),
    narrativeHtml: e.narrativeHtml ?? "",
    links: e.links.map((l) => ({ url: l.url ?? "", label: l.label ?? "" })),
    standards: e.standards.map((s) => ({
      standardCode: s.standardCode ?? "",
      descriptorCode: s.descriptorCode ?? null,
      note: s.note ?? "",
    })),
    attachments: e.attachments.map((a) => ({
      id: a.id ?? "",
      filename: a.filename ?? "",
      mimeType: a.mimeType ?? "",
      size: a.size ?? 0,
      uploadedAt: (a.uploadedAt ?? v.submittedAt).toISOString(),
    })),
  }));
}

function presentFeedback(f: VersionWithFeedback, showInProgress: boolean): TFeedback {
  // Mentors see the panel's judgements once the lead releases the outcome, not while the panel deliberates.
  const visible = showInProgress || !!f.decision?.releasedAt;
  return {
    judgements: visible
      ? f.judgements.map((j) => ({
          reviewerUserId: j.reviewerUserId,
          reviewerName: j.reviewerName,
          standardCode: j.standardCode,
          judgement: j.judgement,
          comment: j.comment ?? "",
          updatedAt: j.updatedAt.toISOString(),
        }))
      : [],
    reviews: visible
      ? f.reviews.map((r) => ({
          reviewerUserId: r.reviewerUserId,
          reviewerName: r.reviewerName,
          outcome: r.outcome,
          summary: r.summary,
          suggestions: r.suggestions ?? "",
          recordedAt: r.createdAt.toISOString(),
        }))
      : [],
    decision:
      f.decision && visible
        ? {
            outcome: f.decision.outcome,
            summary: f.decision.summary,
            suggestions: f.decision.suggestions ?? "",
            basis: f.decision.basis,
            decidedBy: { userId: f.decision.decidedBy, name: f.decision.decidedByName },
            decidedAt: f.decision.decidedAt.toISOString(),
            releasedAt: f.decision.releasedAt ? f.decision.releasedAt.toISOString() : null,
          }
        : null,
    reviewersRequired: f.reviewersRequired,
    leadReason: showInProgress ? f.leadReason : null,
  };
}

/** A submitted version as its viewer may see it: content, coverage, changes and feedback (read by versionDetails in queries/portfolioDetails.ts). */
export function presentVersion(actor: Actor, { loaded, seat, previous, rounds }: VersionDetails): TPortfolioVersion {
  const v = loaded.version;
  const isPanel = seat.sitsOnRound && v.mentorUserId !== actor.userId;
  // The round's allocation may leave the first review to another member (policies/panel.ts).
  const allocatedElsewhere = isPanel ? seat.allocationRefusal : null;
  const mayJudge = can(actor, "judge", "PortfolioVersion", seat);
  const isStaffView = isPanel || isLead(actor);
  const evidence = frozenEvidenceOf(v);
  const qualification = loaded.programme.qualifications.find((q) => q.code === v.qualificationCode);
  const settled = !!loaded.decision;
  const myJudgementsFinal = loaded.reviews.some((r) => r.reviewerUserId === actor.userId);
  // Staff see an outcome once it is decided; the mentor only once the round is released.
  const status = isStaffView
    ? versionStatus(v, loaded.reviews, loaded.decision, {
        required: loaded.reviewersRequired,
        moderation: loaded.programme.panel.moderation,
        showUnreleased: true,
      })
    : loaded.status;
  return ZPortfolioVersion.parse({
    ...presentVersionSummary(v, status, rounds),
    qualificationTitle: qualification?.title ?? v.qualificationCode,
    narrativeHtml: v.narrativeHtml ?? "",
    evidence,
    priorLearningApplication: v.priorLearning
      ? { statement: v.priorLearningStatement ?? "", route: presentRoute(v.priorLearningRoute ?? {}) }
      : null,
    previousVersion: previous
      ? {
          id: previous.version._id.toString(),
          number: previous.version.number,
          feedback: presentFeedback(previous, isStaffView),
        }
      : null,
    changes: previous
      ? versionChanges(
          {
            number: previous.version.number,
            narrativeHtml: previous.version.narrativeHtml ?? "",
            evidence: frozenEvidenceOf(previous.version),
          },
          { number: v.number, narrativeHtml: v.narrativeHtml ?? "", evidence },
        )
      : null,
    // Through the prior-learning route the span rule gives way to the route's own (how recent evidence is).
    coverage: computeCoverage(
      loaded.programme,
      v.priorLearning ? 0 : (qualification?.minimumEvidenceSpanDays ?? 0),
      evidence,
    ),
    feedback: presentFeedback(loaded, isStaffView),
    abilities: {
      judge: mayJudge && !settled && !myJudgementsFinal,
      review: mayJudge && !settled && !myJudgementsFinal,
      decide: can(actor, "decide", "PortfolioVersion", v) && status === "needs_lead_decision",
    },
    judgingNote: !settled && !myJudgementsFinal ? allocatedElsewhere : null,
  });
}
