import type { Actor } from "../lti/sessionToken";
import { PanelMember } from "../models/panelMember";
import { PanelAllocation } from "../models/panelAllocation";
import { PanelReview } from "../models/panelReview";
import { Member } from "../models/member";
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

/**
 * Why the round's allocation keeps a member from judging a version, or null when it does not.
 * The allocated reviewer gives the first review; another member may give the second review that
 * moderation asks for once that first one is recorded (never the same person: one review each).
 * Not yet allocated, any member may judge it; otherwise the lead reallocates it.
 */
export async function allocationRefusal(actor: Actor, version: { _id: unknown; roundId: unknown }): Promise<string | null> {
  const allocation = await PanelAllocation.findOne({ versionId: version._id, roundId: version.roundId }, { reviewerUserId: 1, tenantId: 1, contextId: 1 }).lean();
  if (!allocation || allocation.reviewerUserId === actor.userId) return null;
  if (await PanelReview.exists({ versionId: version._id, reviewerUserId: allocation.reviewerUserId })) return null;
  // A reviewer taken off the round holds nothing there: until the lead allocates again, anyone on it may judge.
  if (!(await PanelMember.exists({ roundId: version.roundId, userId: allocation.reviewerUserId }))) return null;
  const reviewer = await Member.findOne({ tenantId: allocation.tenantId, contextId: allocation.contextId, userId: allocation.reviewerUserId }, { name: 1 }).lean();
  return `This portfolio is allocated to ${reviewer?.name ?? "another reviewer"} for its first review. You can give a second review once theirs is recorded, or ask the programme lead to allocate it to you.`;
}

/** Throws 403 unless the actor sits on the round the version is in and its allocation lets them judge it. */
export async function authorizeJudging(actor: Actor, version: { _id: unknown; roundId: unknown; tenantId: string; mentorUserId: string }): Promise<void> {
  authorizeNotOwn(actor, "review", version);
  if (!(await sitsOnRound(actor, version.roundId))) throw forbidden("Only members of this portfolio's panel round can judge it.");
  const refusal = await allocationRefusal(actor, version);
  if (refusal) throw forbidden(refusal);
}

/** Throws 403 unless the actor may record the programme lead's decision on this version (never their own). */
export function authorizeDeciding(actor: Actor, version: OwnedSubject): void {
  if (!isLead(actor)) throw forbidden("Only the programme lead can record the decision where reviewers disagree.");
  authorizeNotOwn(actor, "decide", version);
}
