import { PanelRound } from "../models/panelRound";
import { isoDay } from "../presenters/evidence";

/** A round as version summaries name it. */
export type RoundInfo = { id: string; name: string; date: string };

/** Names and dates of the rounds versions sit in, for summaries. */
export async function roundsById(roundIds: unknown[]): Promise<Map<string, RoundInfo>> {
  const ids = roundIds.filter(Boolean);
  if (ids.length === 0) return new Map();
  const rounds = await PanelRound.find({ _id: { $in: ids } }, { name: 1, date: 1 }).lean();
  return new Map(rounds.map((r) => [r._id.toString(), { id: r._id.toString(), name: r.name, date: isoDay(r.date) }]));
}
