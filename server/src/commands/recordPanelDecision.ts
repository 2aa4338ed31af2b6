import type { TReviewRecord } from "../contracts/panel";
import { conflict, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { PanelDecision, PanelReview } from "../models/panelReview";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import type { TProgramme } from "../programme/schema";
import { onPortfolioApproved } from "./onPortfolioApproved";
import { queueGrade } from "./queueGrade";
import { reviewersRequired, versionStatus } from "./portfolioReads";

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
  try {
    await PanelDecision.create({
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

  const qualification = p.programme.qualifications.find((q) => q.code === p.version.qualificationCode);
  if (qualification?.gradebook) {
    await queueGrade({
      tenantId: p.version.tenantId,
      contextId: p.version.contextId,
      mentorUserId: p.version.mentorUserId,
      source: { kind: "portfolio", id: p.version._id.toString() },
      lineItem: { resourceId: `portfolio:${qualification.code}`, label: `${qualification.title} portfolio`, scoreMaximum: 1 },
      scoreGiven: p.input.outcome === "approved" ? 1 : 0,
      comment: p.input.summary,
      gradedBy: p.actor.userId,
      gradedAt: decidedAt,
    });
  }
  if (p.input.outcome === "approved") {
    await onPortfolioApproved({
      tenantId: p.version.tenantId,
      contextId: p.version.contextId,
      mentorUserId: p.version.mentorUserId,
      qualificationCode: p.version.qualificationCode,
      portfolioId: p.version.portfolioId.toString(),
      versionId: p.version._id.toString(),
      versionNumber: p.version.number,
      approvedBy: p.actor.userId,
      approvedAt: decidedAt,
    });
  }
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
