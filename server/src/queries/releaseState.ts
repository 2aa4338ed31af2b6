import { PanelDecision } from "../models/panelReview";
import type { PanelRoundDoc } from "../models/panelRound";
import { PortfolioVersion } from "../models/portfolioVersion";

export const startOfToday = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

/** How far a round is from release: decided outcomes, versions still without one. */
export async function releaseState(round: PanelRoundDoc) {
  const versions = await PortfolioVersion.find({ roundId: round._id }, { _id: 1 }).lean();
  const decided = await PanelDecision.countDocuments({ roundId: round._id });
  const undecided = versions.length - decided;
  const hasMet = round.date <= startOfToday();
  return {
    releasedAt: round.releasedAt ? round.releasedAt.toISOString() : null,
    decided,
    undecided,
    canRelease: !round.releasedAt && hasMet && undecided === 0 && decided > 0,
  };
}
