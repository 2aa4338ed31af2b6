import { ZAllocationResult, ZMyAllocation, ZRoundAllocation } from "@contracts/allocation";
import { apiRequest } from "./http";

/** Typed calls for the allocation of a round's portfolios to its reviewers (issue #14 item 4). */
export const allocationApi = {
  round: (roundId: string, signal?: AbortSignal) => apiRequest("GET", `/api/panel/rounds/${roundId}/allocation`, { schema: ZRoundAllocation, signal }),
  allocate: (roundId: string) => apiRequest("POST", `/api/panel/rounds/${roundId}/allocation`, { schema: ZAllocationResult }),
  change: (roundId: string, versionId: string, reviewerUserId: string) =>
    apiRequest("PUT", `/api/panel/rounds/${roundId}/allocation/${versionId}`, { body: { reviewerUserId }, schema: ZRoundAllocation }),
  mine: (signal?: AbortSignal) => apiRequest("GET", "/api/panel/allocated", { schema: ZMyAllocation, signal }),
};
