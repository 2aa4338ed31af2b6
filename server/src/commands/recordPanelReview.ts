import type { TJudgementsSave, TReviewRecord } from "../contracts/panel";
import { conflict, invalidInput, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { PanelDecision, PanelJudgement, PanelReview } from "../models/panelReview";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import { authorizeJudging } from "../policies/panel";
import type { TProgramme } from "../programme/schema";
import { recordPanelDecision } from "./recordPanelDecision";
import { reviewersRequired } from "./portfolioReads";
import { refreshMentorFigures } from "./adjustDashboardCounters";

async function refuseIfSettled(actor: Actor, version: PortfolioVersionDoc): Promise<void> {
  if (await PanelDecision.exists({ versionId: version._id })) {
    throw conflict(`Version ${version.number} already has its outcome. Decisions are kept as recorded; the mentor can resubmit a new version.`);
  }
  if (await PanelReview.exists({ versionId: version._id, reviewerUserId: actor.userId })) {
    throw conflict("You have already recorded your outcome for this version, so your judgements are final.");
  }
}

/** Saves one panel member's per-standard judgements (met / more evidence needed) on a version. */
export async function saveJudgements(p: { actor: Actor; version: PortfolioVersionDoc; input: TJudgementsSave; programme: TProgramme }): Promise<void> {
  await authorizeJudging(p.actor, p.version);
  const problems = p.input.judgements
    .map((j, i) => ({ j, i }))
    .filter(({ j }) => !p.programme.standards.some((s) => s.code === j.standardCode))
    .map(({ j, i }) => ({ field: `body.judgements.${i}.standardCode`, message: `"${j.standardCode}" is not a standard of this programme` }));
  if (problems.length > 0) throw invalidInput(`Please check: ${problems.map((x) => `${x.field}: ${x.message}`).join("; ")}`, { fields: problems });
  await refuseIfSettled(p.actor, p.version);
  for (const j of p.input.judgements) {
    await PanelJudgement.updateOne(
      { versionId: p.version._id, reviewerUserId: p.actor.userId, standardCode: j.standardCode },
      {
        $set: { judgement: j.judgement, comment: j.comment, reviewerName: p.actor.name },
        $setOnInsert: { tenantId: p.version.tenantId, contextId: p.version.contextId, roundId: p.version.roundId, versionId: p.version._id, reviewerUserId: p.actor.userId, standardCode: j.standardCode },
      },
      { upsert: true },
    );
  }
}

/**
 * Records a panel member's outcome for a version, once. When enough reviewers agree (one, or
 * two under moderation) the outcome becomes the decision; a disagreement waits for the lead.
 */
export async function recordPanelReview(p: { actor: Actor; version: PortfolioVersionDoc; input: TReviewRecord; programme: TProgramme }): Promise<void> {
  await authorizeJudging(p.actor, p.version);
  await refuseIfSettled(p.actor, p.version);
  const judged = new Set((await PanelJudgement.find({ versionId: p.version._id, reviewerUserId: p.actor.userId }, { standardCode: 1 }).lean()).map((j) => j.standardCode));
  const unjudged = p.programme.standards.filter((s) => !judged.has(s.code)).map((s) => s.code);
  if (unjudged.length > 0) throw conflict(`Judge every standard before recording the outcome (still to judge: ${unjudged.join(", ")}).`, { unjudged });
  try {
    await PanelReview.create({
      tenantId: p.version.tenantId,
      contextId: p.version.contextId,
      versionId: p.version._id,
      roundId: p.version.roundId,
      reviewerUserId: p.actor.userId,
      reviewerName: p.actor.name,
      ...p.input,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict("You have already recorded your outcome for this version.");
    throw err;
  }
  await refreshMentorFigures(p.version, p.version.mentorUserId);

  const reviews = await PanelReview.find({ versionId: p.version._id }).sort({ createdAt: 1 }).lean();
  const required = reviewersRequired(p.programme);
  if (reviews.length < required || new Set(reviews.map((r) => r.outcome)).size > 1) return;
  await recordPanelDecision({
    actor: p.actor,
    version: p.version,
    programme: p.programme,
    basis: required > 1 ? "agreed_reviews" : "single_review",
    input: {
      outcome: reviews[0].outcome as "approved" | "resubmit",
      summary: reviews.map((r) => r.summary).join("\n\n"),
      suggestions: reviews.map((r) => r.suggestions).filter(Boolean).join("\n\n"),
    },
  });
}
