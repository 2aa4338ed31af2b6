import type { TRound } from "../contracts/panel";
import { ZRound } from "../contracts/panel";
import { Member } from "../models/member";
import { PanelMember } from "../models/panelMember";
import type { PanelRoundDoc } from "../models/panelRound";
import { PortfolioVersion } from "../models/portfolioVersion";
import { isoDay } from "./evidence";

/** Rounds with their members' names and how many portfolio versions each holds. */
export async function presentRounds(rounds: PanelRoundDoc[]): Promise<TRound[]> {
  const ids = rounds.map((r) => r._id);
  const [seats, versions] = await Promise.all([
    PanelMember.find({ roundId: { $in: ids } }).sort({ createdAt: 1 }).lean(),
    PortfolioVersion.find({ roundId: { $in: ids } }, { roundId: 1 }).lean(),
  ]);
  const scope = rounds[0] ? { tenantId: rounds[0].tenantId, contextId: rounds[0].contextId } : null;
  const people = scope ? await Member.find({ ...scope, userId: { $in: seats.map((s) => s.userId) } }, { userId: 1, name: 1, roles: 1 }).lean() : [];
  return rounds.map((r) =>
    ZRound.parse({
      id: r._id.toString(),
      name: r.name,
      date: isoDay(r.date),
      status: r.status,
      members: seats
        .filter((s) => String(s.roundId) === r._id.toString())
        .map((s) => {
          const person = people.find((p) => p.userId === s.userId);
          return { userId: s.userId, name: person?.name ?? s.userId, roles: person?.roles ?? [] };
        }),
      portfolioCount: versions.filter((v) => String(v.roundId) === r._id.toString()).length,
      version: r.version ?? 0,
    }),
  );
}
