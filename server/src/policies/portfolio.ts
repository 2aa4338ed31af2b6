import type { Types } from "mongoose";
import type { Actor } from "../lti/sessionToken";
import { PanelMember } from "../models/panelMember";
import { courseScope, isLead, keepsOwnWork } from "./scope";

/** A mentor's (or a lead mentor's) own portfolios (drafts), or null for people who have none. */
export function ownPortfolioScope(actor: Actor): { tenantId: string; contextId: string; mentorUserId: string } | null {
  return keepsOwnWork(actor) ? { ...courseScope(actor), mentorUserId: actor.userId } : null;
}

/** The rounds in the actor's course that they sit on. */
export async function roundsSatOn(actor: Actor): Promise<Types.ObjectId[]> {
  const seats = await PanelMember.find({ ...courseScope(actor), userId: actor.userId }, { roundId: 1 }).lean();
  return seats.map((s) => s.roundId);
}

/**
 * The submitted versions the actor may see, as a query filter: programme leads see their
 * course's; panel members the versions in rounds they sit on; mentors their own.
 */
export async function visibleVersionsFilter(actor: Actor): Promise<Record<string, unknown>> {
  const scope = courseScope(actor);
  if (isLead(actor)) return scope;
  const or: Record<string, unknown>[] = [];
  if (keepsOwnWork(actor)) or.push({ mentorUserId: actor.userId });
  const rounds = await roundsSatOn(actor);
  if (rounds.length > 0) or.push({ roundId: { $in: rounds } });
  // Matches nothing: someone with no rounds and no portfolio sees no versions.
  if (or.length === 0) return { ...scope, _id: { $in: [] } };
  return { ...scope, $or: or };
}
