import { allocationEndpoints } from "../../contracts/allocation";
import { anyoneSignedIn, type endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { allocateByHand, allocateRound } from "../../commands/allocatePortfolios";
import { loadAllocationState, myAllocation, presentAllocation } from "../../queries/allocationReads";
import { loadVisibleRound } from "../../queries/panelRounds";

/** A round the actor may see (else 404) whose allocation only the lead reads and changes (else 403). */
async function roundToAllocate(actor: Actor, roundId: string) {
  const round = await loadVisibleRound(actor, roundId);
  authorize(actor, "allocate", "PanelRound");
  return round;
}

/**
 * /api/panel — allocation of a round's portfolios to its reviewers (issue #14 item 4): the lead
 * reads and runs it, or changes one portfolio's reviewer; a reviewer reads what is theirs.
 * Registered on the panel router, where these endpoints are mounted.
 */
export function implementAllocation(implement: ReturnType<typeof endpointRouter>["implement"]): void {
  implement(allocationEndpoints.mine, {
    // A reviewer's own allocation: what is not theirs is not in it.
    policy: anyoneSignedIn,
    handler: async ({ actor }) => ({ portfolios: await myAllocation(actor) }),
  });

  implement(allocationEndpoints.round, {
    policy: (actor, { params }) => roundToAllocate(actor, params.roundId),
    handler: async ({ allowed: round }) => presentAllocation(await loadAllocationState(round)),
  });

  implement(allocationEndpoints.allocate, {
    policy: (actor, { params }) => roundToAllocate(actor, params.roundId),
    handler: async ({ actor, allowed: round }) => {
      const allocated = await allocateRound({ actor, round });
      return { ...presentAllocation(await loadAllocationState(round)), allocated };
    },
  });

  implement(allocationEndpoints.change, {
    policy: (actor, { params }) => roundToAllocate(actor, params.roundId),
    handler: async ({ actor, allowed: round, input: { params, body } }) => {
      await allocateByHand({ actor, round, versionId: params.versionId, reviewerUserId: body.reviewerUserId });
      return presentAllocation(await loadAllocationState(round));
    },
  });
}
