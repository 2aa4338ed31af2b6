import type { Actor } from "../lti/sessionToken";
import { PanelMember } from "../models/panelMember";
import { forbidden } from "../errors";
import { authorizeNotOwn, type OwnedSubject } from "./ownWork";
import { courseScope, isLead, isStaff } from "./scope";

/** Programme leads create rounds, choose members and resolve disagreements. */
export const canManageRounds = (actor: Actor) => isLead(actor);

/** True when the actor sits on the round (only staff can be members). */
export async function sitsOnRound(actor: Actor, roundId: unknown): Promise<boolean> {
  if (!isStaff(actor) || !roundId) return false;
  return !!(await PanelMember.exists({ ...courseScope(actor), roundId, userId: actor.userId }));
}

/** Throws 403 unless the actor sits on the round the version is in. */
export async function authorizeJudging(actor: Actor, version: { roundId: unknown; tenantId: string; mentorUserId: string }): Promise<void> {
  authorizeNotOwn(actor, "review", version);
  if (!(await sitsOnRound(actor, version.roundId))) throw forbidden("Only members of this portfolio's panel round can judge it.");
}

/** Throws 403 unless the actor may record the programme lead's decision on this version (never their own). */
export function authorizeDeciding(actor: Actor, version: OwnedSubject): void {
  if (!isLead(actor)) throw forbidden("Only the programme lead can record the decision where reviewers disagree.");
  authorizeNotOwn(actor, "decide", version);
}
