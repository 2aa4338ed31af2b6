import type { TModerationQueue } from "../contracts/panel";
import type { Actor } from "../lti/sessionToken";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { courseScope } from "../policies/scope";
import { presentVersionSummary } from "../presenters/portfolio";
import { moderationState } from "../programme/moderation";
import { feedbackByVersion, programmeOfVersion } from "./portfolioReads";
import { roundsById } from "./roundsById";

/**
 * The programme lead's moderation queue: versions in a round, without a decision, that moderation
 * sends to the lead (reviewers disagree, the sample, a first resubmission), each with every
 * review and its judgements side by side. A read: it writes nothing.
 */
export async function moderationQueue(actor: Actor): Promise<TModerationQueue["items"]> {
  const scope = courseScope(actor);
  const versions = await PortfolioVersion.find({ ...scope, roundId: { $ne: null } }, { evidence: 0 })
    .sort({ submittedAt: 1 })
    .lean<PortfolioVersionDoc[]>();
  const feedback = await feedbackByVersion(
    scope,
    versions.map((v) => v._id),
  );
  const rounds = await roundsById([...new Set(versions.map((v) => String(v.roundId)))]);
  const items: TModerationQueue["items"] = [];
  for (const v of versions) {
    const { reviews, decision } = feedback(v._id);
    if (decision || reviews.length === 0 || v.mentorUserId === actor.userId) continue;
    const programme = await programmeOfVersion(v);
    const state = moderationState(v, reviews, programme.panel.moderation);
    if (state.kind !== "lead") continue;
    items.push({
      version: presentVersionSummary(v, "needs_lead_decision", rounds),
      reason: state.reason,
      reviews: reviews.map((r) => ({
        reviewerUserId: r.reviewerUserId,
        reviewerName: r.reviewerName,
        outcome: r.outcome as "approved" | "resubmit",
        summary: r.summary,
        suggestions: r.suggestions ?? "",
        recordedAt: r.createdAt.toISOString(),
        judgements: (r.judgements ?? []).map((j) => ({
          standardCode: j.standardCode ?? "",
          judgement: j.judgement as "met" | "more_evidence",
          comment: j.comment ?? "",
        })),
      })),
    });
  }
  return items;
}
