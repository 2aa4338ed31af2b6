import { allocationEndpoints } from "@contracts/allocation";
import { call } from "./call";

/** Typed calls for the allocation of a round's portfolios to its reviewers (issue #14 item 4). */
export const allocationApi = {
  round: (roundId: string, signal?: AbortSignal) => call(allocationEndpoints.round, { params: { roundId }, signal }),
  allocate: (roundId: string) => call(allocationEndpoints.allocate, { params: { roundId } }),
  change: (roundId: string, versionId: string, reviewerUserId: string) =>
    call(allocationEndpoints.change, { params: { roundId, versionId }, body: { reviewerUserId } }),
  mine: (signal?: AbortSignal) => call(allocationEndpoints.mine, { signal }),
};
