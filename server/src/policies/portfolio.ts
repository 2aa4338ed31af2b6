import type { Types } from "mongoose";
import type { Actor } from "../lti/sessionToken";
import { PanelMember } from "../models/panelMember";
import { allow } from "./cancan";
import { ownWork, type OwnedSubject } from "./ownWork";
import { courseScope, keepsOwnWork } from "./scope";

/** A submitted portfolio version, with what panel.ts's loader found about the actor's seat on its round. */
export interface VersionSubject extends OwnedSubject {
  tenantId: string;
  contextId: string;
  roundId?: unknown;
  /** True when the actor sits on the version's round (only staff can: policies/panel.ts sitsOnRound). */
  sitsOnRound?: boolean;
  /** Why the round's allocation keeps the actor from judging it yet (policies/panel.ts allocationRefusal). */
  allocationRefusal?: string | null;
}

declare module "./cancan" {
  interface PolicyRegistry {
    /** A mentor's (or a lead mentor's) own portfolio: its drafts. */
    Portfolio: { subject: { tenantId: string; contextId: string; mentorUserId: string }; action: "read" | "edit" };
    PortfolioVersion: {
      subject: VersionSubject;
      action: "read" | "judge" | "decide";
      facts: { roundIds: readonly Types.ObjectId[] };
    };
  }
}

// Only mentors and lead mentors (building the QLMS) keep portfolios, and only their own.
allow(keepsOwnWork, ["read", "edit"], "Portfolio", ownWork);

// Submitted versions: programme leads see their course's; panel members the versions in rounds
// they sit on; mentors their own. Judging and deciding: policies/panel.ts.
allow("lead", "read", "PortfolioVersion");
allow(keepsOwnWork, "read", "PortfolioVersion", ownWork);
allow("anyone", "read", "PortfolioVersion", {
  test: (_actor, version) => version.sitsOnRound === true,
  where: (_actor, { roundIds }) => (roundIds.length > 0 ? { roundId: { $in: roundIds } } : null),
});

/** The rounds in the actor's course that they sit on: the facts scopeFor(actor, "read", "PortfolioVersion", …) needs. */
export async function roundsSatOn(actor: Actor): Promise<Types.ObjectId[]> {
  const seats = await PanelMember.find({ ...courseScope(actor), userId: actor.userId }, { roundId: 1 }).lean();
  return seats.map((s) => s.roundId);
}
