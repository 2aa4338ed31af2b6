import { Types } from "mongoose";
import type { TDecisionRecord } from "../contracts/panel";
import { conflict, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { PanelDecision, PanelReview } from "../models/panelReview";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import type { TProgramme } from "../programme/schema";
import { moderationState } from "../programme/moderation";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { appendDecision, type DecisionEvent } from "./decisionRecord";

/**
 * Records the confirmed outcome for a version — once (a unique insert), with who, when and on what
 * basis, and the decision-record entry it owes (appended straight after, or by the sweep).
 * Nothing reaches the mentor yet: the certificate, badge, credit and gradebook score follow when
 * the programme lead releases the round (`releaseRound`).
 */
export async function recordPanelDecision(p: {
  actor: Actor;
  version: PortfolioVersionDoc;
  programme: TProgramme;
  basis: "single_review" | "agreed_reviews" | "lead_resolution" | "lead_moderation";
  input: TDecisionRecord;
  reason?: string;
}): Promise<void> {
  const _id = new Types.ObjectId();
  const decidedAt = new Date();
  // The decision-record entry travels in the decision's one insert, so a crash cannot lose it.
  const pendingEntry: DecisionEvent = {
    tenantId: p.version.tenantId,
    contextId: p.version.contextId,
    kind: p.basis.startsWith("lead_") ? "moderation" : "decision",
    actor: { userId: p.actor.userId, name: p.actor.name, roles: p.actor.roles },
    subject: `version:${p.version._id.toString()}`,
    mentorUserId: p.version.mentorUserId,
    roundId: p.version.roundId ? String(p.version.roundId) : null,
    before: "provisional",
    after: `${p.input.outcome} (${p.basis.replace(/_/g, " ")})`,
    reason: p.reason ?? p.input.summary,
    at: decidedAt,
    eventKey: `panel-decision:${_id.toString()}`,
  };
  try {
    await PanelDecision.create({
      _id,
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
      pendingEntry,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict(`Version ${p.version.number} already has its outcome.`);
    throw err;
  }
  await appendPendingEntry(_id, pendingEntry);
  await refreshMentorFigures({ course: p.version, mentorUserId: p.version.mentorUserId });
}

/** Appends the entry a decision owes to the decision record (once: its event key) and clears it. */
async function appendPendingEntry(decisionId: unknown, entry: DecisionEvent): Promise<void> {
  await appendDecision({ ...entry, at: new Date(entry.at ?? Date.now()) });
  await PanelDecision.updateOne({ _id: decisionId }, { $set: { pendingEntry: null } });
}

/**
 * Appends the decision-record entries that decisions still owe because their server stopped
 * between the decision and its entry (run by the panel-follow-ups job). Decisions younger than
 * `graceMs` are left to their own request. Returns how many it looked at.
 */
export async function sweepPendingDecisionEntries(graceMs = 60_000): Promise<number> {
  const pending = await PanelDecision.find({
    pendingEntry: { $ne: null },
    decidedAt: { $lt: new Date(Date.now() - graceMs) },
  })
    .sort({ decidedAt: 1 })
    .limit(100)
    .lean();
  for (const decision of pending) await appendPendingEntry(decision._id, decision.pendingEntry as DecisionEvent);
  return pending.length;
}

/**
 * The programme lead confirms or settles a version moderation sent them: reviewers disagree, the
 * sample picked it, or it is a first resubmission.
 */
export async function recordLeadDecision(p: {
  actor: Actor;
  version: PortfolioVersionDoc;
  programme: TProgramme;
  input: TDecisionRecord;
}): Promise<void> {
  if (await PanelDecision.exists({ versionId: p.version._id }))
    throw conflict(`Version ${p.version.number} already has its outcome.`);
  const reviews = await PanelReview.find({ versionId: p.version._id }).sort({ createdAt: 1 }).lean();
  const state = moderationState(p.version, reviews, p.programme.panel.moderation);
  if (state.kind !== "lead") {
    throw conflict(
      state.kind === "reviews_needed"
        ? `This version still needs ${state.needed === 1 && reviews.length > 0 ? "a second reviewer" : "its reviewers"} before the programme lead can confirm it.`
        : "The lead records a decision only where moderation sends a version to them; this one needs none.",
    );
  }
  const reasonText = {
    disagreement: "reviewers disagreed",
    sample: "picked by the moderation sample",
    first_resubmission: "a first resubmission",
  }[state.reason];
  await recordPanelDecision({
    ...p,
    basis: state.reason === "disagreement" ? "lead_resolution" : "lead_moderation",
    reason: `${reasonText}: ${p.input.summary}`,
  });
}
