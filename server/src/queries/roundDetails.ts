import { Member } from "../models/member";
import { PanelMember } from "../models/panelMember";
import type { PanelRoundDoc } from "../models/panelRound";
import { PortfolioVersion } from "../models/portfolioVersion";

/** Rounds with their members (and who they are) and the versions each holds, for presenters/panel.ts. */
export async function roundDetails(rounds: PanelRoundDoc[]) {
  const ids = rounds.map((r) => r._id);
  const [seats, versions] = await Promise.all([
    PanelMember.find({ roundId: { $in: ids } })
      .sort({ createdAt: 1 })
      .lean(),
    PortfolioVersion.find({ roundId: { $in: ids } }, { roundId: 1 }).lean(),
  ]);
  const scope = rounds[0] ? { tenantId: rounds[0].tenantId, contextId: rounds[0].contextId } : null;
  const people = scope
    ? await Member.find(
        { ...scope, userId: { $in: seats.map((s) => s.userId) } },
        { userId: 1, name: 1, roles: 1 },
      ).lean()
    : [];
  return { rounds, seats, versions, people };
}

/** What presenters/panel.ts needs to show rounds. */
export type RoundDetails = Awaited<ReturnType<typeof roundDetails>>;
