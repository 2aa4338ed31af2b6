import type { Types } from "mongoose";
import type { TVersionStatus } from "../contracts/portfolio";
import { notFound } from "../errors";
import { groupBy } from "../groupBy";
import {
  PanelDecision,
  PanelJudgement,
  PanelReview,
  type PanelDecisionDoc,
  type PanelJudgementDoc,
  type PanelReviewDoc,
} from "../models/panelReview";
import { PanelRound } from "../models/panelRound";
import { Portfolio } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { programmeVersionById } from "./programmeVersionById";
import { programmeInForce } from "./programmeInForce";
// The panel's rules are pure (programme/moderation.ts); the reads here apply them.
import {
  moderationState,
  reviewersRequired,
  versionStatus,
  type LeadReason,
  type PanelRules,
} from "../programme/moderation";
import type { TProgramme } from "../programme/schema";

/** The programme a version was submitted under (records keep their version), else the course's. */
export async function programmeOfVersion(
  version: Pick<PortfolioVersionDoc, "tenantId" | "contextId" | "programme">,
): Promise<TProgramme> {
  const id = version.programme?.versionId;
  if (id) {
    try {
      return (await programmeVersionById(id)).definition;
    } catch {
      // A programme version removed by hand: judge against the course's current one.
    }
  }
  return (await programmeInForce(version.tenantId, version.contextId)).definition;
}

type Course = { tenantId: string; contextId: string };

/**
 * Up to this many versions are looked up by id; more are read as the course's whole feedback.
 * A long `$in` costs the embedded engine a comparison per record per id (quadratic), while one
 * pass over the course's reviews grows with the course.
 */
const BY_ID_LIMIT = 50;

/** Reviews (oldest first) and decisions for the course's `versionIds`, keyed by version id. */
export async function feedbackByVersion(course: Course, versionIds: Types.ObjectId[]) {
  const filter = {
    tenantId: course.tenantId,
    contextId: course.contextId,
    ...(versionIds.length <= BY_ID_LIMIT ? { versionId: { $in: versionIds } } : {}),
  };
  const [reviews, decisions] = await Promise.all([
    PanelReview.find(filter).sort({ createdAt: 1 }).lean<PanelReviewDoc[]>(),
    PanelDecision.find(filter).lean<PanelDecisionDoc[]>(),
  ]);
  const reviewsOf = groupBy(reviews, (r) => String(r.versionId));
  const decisionOf = new Map(decisions.map((d) => [String(d.versionId), d]));
  return (id: Types.ObjectId | string) => ({
    reviews: reviewsOf.get(String(id)) ?? [],
    decision: decisionOf.get(String(id)) ?? null,
  });
}

/** Statuses for many versions of one course (two queries in all, none for no versions). */
export async function statusesOf(
  course: Course,
  versions: PortfolioVersionDoc[],
  required: PanelRules,
): Promise<Map<string, TVersionStatus>> {
  if (versions.length === 0) return new Map();
  const feedback = await feedbackByVersion(
    course,
    versions.map((v) => v._id),
  );
  return new Map(
    versions.map((v) => {
      const f = feedback(v._id);
      return [v._id.toString(), versionStatus(v, f.reviews, f.decision, required)];
    }),
  );
}

/** A submitted version with everything the panel gave it. */
export interface VersionWithFeedback {
  version: PortfolioVersionDoc;
  status: TVersionStatus;
  judgements: PanelJudgementDoc[];
  reviews: PanelReviewDoc[];
  decision: PanelDecisionDoc | null;
  reviewersRequired: number;
  programme: TProgramme;
  /** Why the programme lead must confirm this version, while they must. */
  leadReason: LeadReason | null;
}

/**
 * For exports (PDF/ZIP) and other features: a portfolio version with its frozen evidence
 * (`version.evidence[]`: title, practiceDate, narrativeHtml, links, standards mapping and
 * attachments with GridFS `fileId`, `filename`, `mimeType`, `size`) and the panel's feedback.
 * Read the bytes with `readFile(fileId)` from storage/attachmentStore.ts. 404 outside the course.
 */
export async function loadPortfolioVersion(p: {
  tenantId: string;
  contextId: string;
  versionId: string;
  showUnreleased?: boolean;
}): Promise<VersionWithFeedback> {
  const version = await PortfolioVersion.findOne({
    _id: p.versionId,
    tenantId: p.tenantId,
    contextId: p.contextId,
  }).lean<PortfolioVersionDoc>();
  if (!version) throw notFound("That portfolio version");
  const programme = await programmeOfVersion(version);
  const rules = { ...reviewersRequired(programme), showUnreleased: p.showUnreleased ?? false };
  const [drafts, feedback] = await Promise.all([
    PanelJudgement.find({ versionId: version._id })
      .sort({ reviewerName: 1, standardCode: 1 })
      .lean<PanelJudgementDoc[]>(),
    feedbackByVersion(version, [version._id]),
  ]);
  const { reviews, decision } = feedback(version._id);
  // A reviewer's judgements are the ones recorded with their outcome; before that, their saved draft.
  const recorded = new Set(reviews.map((r) => r.reviewerUserId));
  const judgements = [
    ...reviews.flatMap((r) =>
      (r.judgements ?? []).map(
        (j) =>
          ({
            ...j,
            _id: r._id,
            versionId: r.versionId,
            reviewerUserId: r.reviewerUserId,
            reviewerName: r.reviewerName,
            updatedAt: r.createdAt,
          }) as unknown as PanelJudgementDoc,
      ),
    ),
    ...drafts.filter((d) => !recorded.has(d.reviewerUserId)),
  ].sort(
    (a, b) =>
      a.reviewerName.localeCompare(b.reviewerName) || String(a.standardCode).localeCompare(String(b.standardCode)),
  );
  const state = decision ? null : moderationState(version, reviews, rules.moderation);
  return {
    version,
    status: versionStatus(version, reviews, decision, rules),
    judgements,
    reviews,
    decision,
    reviewersRequired: rules.required,
    programme,
    leadReason: state?.kind === "lead" ? state.reason : null,
  };
}

/** The latest approved version of a mentor's portfolio for a qualification, or null. */
export async function latestApprovedVersion(p: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  qualificationCode: string;
}) {
  const scope = { tenantId: p.tenantId, contextId: p.contextId };
  const versions = await PortfolioVersion.find(
    { ...scope, mentorUserId: p.mentorUserId, qualificationCode: p.qualificationCode },
    { _id: 1 },
  ).lean();
  const decision = await PanelDecision.findOne({
    ...scope,
    versionId: { $in: versions.map((v) => v._id) },
    outcome: "approved",
    releasedAt: { $ne: null },
  })
    .sort({ decidedAt: -1 })
    .lean<PanelDecisionDoc>();
  if (!decision) return null;
  return loadPortfolioVersion({ ...scope, versionId: decision.versionId.toString() });
}

export type PortfolioState = "draft" | TVersionStatus;

/** Counts for the lead's dashboard: portfolios by state (of their latest version), and by round. */
export async function portfolioCounts(p: { tenantId: string; contextId: string }): Promise<{
  total: number;
  byState: Record<PortfolioState, number>;
  byQualification: Record<string, Record<PortfolioState, number>>;
  byRound: Array<{
    roundId: string;
    name: string;
    date: Date;
    status: string;
    total: number;
    byState: Record<PortfolioState, number>;
  }>;
}> {
  const scope = { tenantId: p.tenantId, contextId: p.contextId };
  const [portfolios, versions, rounds, { definition }] = await Promise.all([
    Portfolio.find(scope, { qualificationCode: 1 }).lean(),
    PortfolioVersion.find(scope, { evidence: 0, narrativeHtml: 0 }).sort({ number: 1 }).lean<PortfolioVersionDoc[]>(),
    PanelRound.find(scope).sort({ date: 1 }).lean(),
    programmeInForce(p.tenantId, p.contextId),
  ]);
  const statuses = await statusesOf(scope, versions, reviewersRequired(definition));
  const empty = (): Record<PortfolioState, number> => ({
    draft: 0,
    awaiting_round: 0,
    in_review: 0,
    needs_lead_decision: 0,
    approved: 0,
    resubmit: 0,
  });
  const latest = new Map<string, PortfolioVersionDoc>();
  for (const v of versions) latest.set(String(v.portfolioId), v);
  const byState = empty();
  const byQualification: Record<string, Record<PortfolioState, number>> = {};
  for (const portfolio of portfolios) {
    const v = latest.get(portfolio._id.toString());
    const state: PortfolioState = v ? statuses.get(v._id.toString())! : "draft";
    byState[state] += 1;
    (byQualification[portfolio.qualificationCode] ??= empty())[state] += 1;
  }
  const versionsByRound = groupBy(versions, (v) => String(v.roundId ?? ""));
  const byRound = rounds.map((r) => {
    const inRound = versionsByRound.get(r._id.toString()) ?? [];
    const counts = empty();
    for (const v of inRound) counts[statuses.get(v._id.toString())!] += 1;
    return {
      roundId: r._id.toString(),
      name: r.name,
      date: r.date,
      status: r.status,
      total: inRound.length,
      byState: counts,
    };
  });
  return { total: portfolios.length, byState, byQualification, byRound };
}
