import type { TReviewRecord } from "../contracts/panel";
import { conflict, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { PanelDecision, PanelReview, type PanelDecisionDoc } from "../models/panelReview";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import type { TProgramme } from "../programme/schema";
import { applyDecisionFollowUps } from "./panelDecisionFollowUps";
import { reviewersRequired, versionStatus } from "./portfolioReads";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/**
 * Records the final outcome for a version — once (a unique insert), with who, when and on what
 * basis — then tells the rest of the tool: certificates and credits on approval, and the LMS
 * gradebook for qualifications that report there.
 */
export async function recordPanelDecision(p: {
  actor: Actor;
  version: PortfolioVersionDoc;
  programme: TProgramme;
  basis: "single_review" | "agreed_reviews" | "lead_resolution";
  input: TReviewRecord;
}): Promise<void> {
  const decidedAt = new Date();
  let decision;
  try {
    decision = await PanelDecision.create({
      tenantId: p.version.tenantId,
      contextId: p.version.contextId,
      versionId: p.version._id,
      roundId: p.version.roundId,
      portfolioId: p.version.portfolioId,
      mentorUserId: p.version.mentorUserId,
      ...p.input,
      basis: p.basis,
      decidedBy: p.actor.userId,
      decidedByName: p.actor.name,
      decidedAt,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict(`Version ${p.version.number} already has its outcome.`);
    throw err;
  }
  await refreshMentorFigures(p.version, p.version.mentorUserId);
  await applyDecisionFollowUps(decision.toObject() as PanelDecisionDoc, p.version, p.programme);
}

/** The programme lead settles a disagreement between reviewers. */
export async function recordLeadDecision(p: { actor: Actor; version: PortfolioVersionDoc; programme: TProgramme; input: TReviewRecord }): Promise<void> {
  const reviews = await PanelReview.find({ versionId: p.version._id }).lean();
  const decision = await PanelDecision.findOne({ versionId: p.version._id }).lean();
  const status = versionStatus(p.version, reviews, decision, reviewersRequired(p.programme));
  if (status !== "needs_lead_decision") {
    throw conflict(
      decision
        ? `Version ${p.version.number} already has its outcome.`
        : "The lead records a decision only where the panel's reviewers disagree; this version has no disagreement to settle.",
    );
  }
  await recordPanelDecision({ ...p, basis: "lead_resolution" });
}
