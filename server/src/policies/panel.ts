import type { Actor } from "../lti/sessionToken";
import { PanelMember } from "../models/panelMember";
import { PanelAllocation } from "../models/panelAllocation";
import { PanelReview } from "../models/panelReview";
import { Member } from "../models/member";
import { allow, forbid, refuse } from "./cancan";
import { isOwnWork, ownWorkRefusals } from "./ownWork";
import type { VersionSubject } from "./portfolio";
import { courseScope, isStaff } from "./scope";

export type PanelRoundAction = "manage" | "create" | "change" | "chooseMembers" | "allocate" | "moderate" | "release";

declare module "./cancan" {
  interface PolicyRegistry {
    PanelRound: { subject: never; action: PanelRoundAction };
  }
}

// Programme leads create rounds, choose members, allocate, moderate and release outcomes.
allow("lead", ["manage", "create", "change", "chooseMembers", "allocate", "moderate", "release"], "PanelRound");
refuse("PanelRound", "create", "Only the programme lead creates panel rounds.");
refuse("PanelRound", ["change", "manage"], "Only the programme lead changes panel rounds.");
refuse("PanelRound", "chooseMembers", "Only the programme lead chooses panel members.");
refuse("PanelRound", "allocate", "Only the programme lead allocates portfolios to reviewers.");
refuse("PanelRound", "moderate", "Only the programme lead moderates panel outcomes.");
refuse("PanelRound", "release", "Only the programme lead releases a round's outcomes.");

// A member of the version's round judges it, unless the round's allocation leaves its first
// review to another member; nobody reviews their own portfolio, whatever roles they hold.
forbid("anyone", "judge", "PortfolioVersion", isOwnWork, ownWorkRefusals.review);
allow(
  isStaff,
  "judge",
  "PortfolioVersion",
  (_actor, version) => version.sitsOnRound === true && !version.allocationRefusal,
);
refuse("PortfolioVersion", "judge", (_actor, version) =>
  version?.sitsOnRound && version.allocationRefusal
    ? version.allocationRefusal
    : "Only members of this portfolio's panel round can judge it.",
);

// Where reviewers disagree the programme lead records the decision, never on their own portfolio.
allow("lead", "decide", "PortfolioVersion");
forbid("lead", "decide", "PortfolioVersion", isOwnWork, ownWorkRefusals.decide);
refuse("PortfolioVersion", "decide", "Only the programme lead can record the decision where reviewers disagree.");

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
export async function allocationRefusal(
  actor: Actor,
  version: { _id: unknown; roundId: unknown },
): Promise<string | null> {
  const allocation = await PanelAllocation.findOne(
    { versionId: version._id, roundId: version.roundId },
    { reviewerUserId: 1, tenantId: 1, contextId: 1 },
  ).lean();
  if (!allocation || allocation.reviewerUserId === actor.userId) return null;
  if (await PanelReview.exists({ versionId: version._id, reviewerUserId: allocation.reviewerUserId })) return null;
  // A reviewer taken off the round holds nothing there: until the lead allocates again, anyone on it may judge.
  if (!(await PanelMember.exists({ roundId: version.roundId, userId: allocation.reviewerUserId }))) return null;
  const reviewer = await Member.findOne(
    { tenantId: allocation.tenantId, contextId: allocation.contextId, userId: allocation.reviewerUserId },
    { name: 1 },
  ).lean();
  return `This portfolio is allocated to ${reviewer?.name ?? "another reviewer"} for its first review. You can give a second review once theirs is recorded, or ask the programme lead to allocate it to you.`;
}

/**
 * The version as the judging rules read it: with whether the actor sits on its round and what
 * its allocation says (loaded here so that the rules stay pure).
 */
export async function withPanelSeat<V extends VersionSubject & { _id: unknown; roundId: unknown }>(
  actor: Actor,
  version: V,
): Promise<V & { sitsOnRound: boolean; allocationRefusal: string | null }> {
  const seated = await sitsOnRound(actor, version.roundId);
  return {
    ...version,
    sitsOnRound: seated,
    allocationRefusal: seated ? await allocationRefusal(actor, version) : null,
  };
}
