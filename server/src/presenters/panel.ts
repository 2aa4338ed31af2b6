import type { TRound } from "../contracts/panel";
import { ZRound } from "../contracts/panel";
import type { RoundDetails } from "../queries/roundDetails";
import { isoDay } from "./evidence";

/** Rounds with their members' names and how many portfolio versions each holds (read by queries/roundDetails.ts). */
export function presentRounds({ rounds, seats, versions, people }: RoundDetails): TRound[] {
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
