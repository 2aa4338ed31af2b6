import type { Actor } from "../lti/sessionToken";
import { DecisionEntry, type DecisionEntryDoc } from "../models/decisionEntry";
import { courseScope } from "../policies/scope";

/** The course's decision record in chain order: one mentor's entries, one round's, or all. */
export async function decisionEntries(
  actor: Actor,
  q: { mentorUserId?: string; roundId?: string },
): Promise<DecisionEntryDoc[]> {
  const filter: Record<string, unknown> = { ...courseScope(actor) };
  if (q.mentorUserId) filter.mentorUserId = q.mentorUserId;
  if (q.roundId) filter.roundId = q.roundId;
  return DecisionEntry.find(filter).sort({ seq: 1 }).lean<DecisionEntryDoc[]>();
}
