import { conflict } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { PanelDecision, type PanelDecisionDoc } from "../models/panelReview";
import { PanelRound, type PanelRoundDoc } from "../models/panelRound";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { longDate } from "../documents/urls";
import { markCourseChanged } from "./courseChanged";
import { appendDecision } from "./decisionRecord";
import { applyDecisionFollowUps } from "./panelDecisionFollowUps";
import { programmeOfVersion } from "../queries/portfolioReads";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { releaseState, startOfToday } from "../queries/releaseState";

/**
 * The programme lead releases a round after the panel has met and every version in it has its
 * confirmed outcome: the round is marked released (a conditional update on its version, so it
 * happens once), then each decision is released and its follow-ups run — certificate dated the
 * release day, badge, credit, gradebook score — and the mentor is told on their home page.
 * Decisions released but not followed up (a crash) are finished by the decision sweep.
 */
export async function releaseRound(p: { actor: Actor; round: PanelRoundDoc; expectedVersion: number }): Promise<void> {
  const state = await releaseState(p.round);
  if (p.round.releasedAt) throw conflict(`${p.round.name} was released on ${longDate(p.round.releasedAt)}.`);
  if (p.round.date > startOfToday())
    throw conflict(`${p.round.name} meets on ${longDate(p.round.date)}: outcomes are released after the panel meets.`);
  if (state.undecided > 0)
    throw conflict(
      `${state.undecided} portfolio${state.undecided === 1 ? " is" : "s are"} still without a confirmed outcome: moderation must finish before release.`,
    );
  if (state.decided === 0) throw conflict("This round has no outcomes to release.");
  const releasedAt = new Date();
  const won = await PanelRound.updateOne(
    { _id: p.round._id, version: p.expectedVersion, releasedAt: null },
    { $set: { releasedAt, releasedBy: p.actor.userId }, $inc: { version: 1 } },
  );
  if (won.modifiedCount === 0)
    throw conflict("This round was changed somewhere else since you opened it. Reload it and try again.");
  await PanelDecision.updateMany(
    { roundId: p.round._id, releasedAt: null },
    { $set: { releasedAt, releasedBy: p.actor.userId } },
  );
  await appendDecision({
    tenantId: p.round.tenantId,
    contextId: p.round.contextId,
    kind: "release",
    actor: p.actor,
    subject: `round:${p.round._id.toString()}`,
    roundId: p.round._id.toString(),
    before: "with the panel",
    after: `released (${state.decided} outcome${state.decided === 1 ? "" : "s"})`,
  });
  const decisions = await PanelDecision.find({ roundId: p.round._id }).lean<PanelDecisionDoc[]>();
  for (const decision of decisions) {
    const version = await PortfolioVersion.findById(decision.versionId).lean<PortfolioVersionDoc>();
    if (!version) continue;
    // The follow-ups tell the mentor too (panelDecisionFollowUps.ts), so the sweep finishes that as well.
    await applyDecisionFollowUps({ decision, version, programme: await programmeOfVersion(version) });
    await refreshMentorFigures({ course: version, mentorUserId: version.mentorUserId });
  }
  await markCourseChanged({ course: { tenantId: p.round.tenantId, contextId: p.round.contextId } });
}
