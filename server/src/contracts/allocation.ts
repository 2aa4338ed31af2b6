import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZObjectId } from "./evidence";
import { ZRoundParams } from "./panel";

/** Which portfolio in which round the lead allocates (issue #14 item 4). */
export const ZAllocationParams = z.object({ roundId: ZObjectId, versionId: ZObjectId });

/** The lead allocates one portfolio to a reviewer by hand (the rules still apply). */
export const ZAllocationChange = z.object({
  reviewerUserId: z.string().trim().min(1, "is required: please choose a reviewer").max(255).describe("Reviewer"),
});
export type TAllocationChange = z.infer<typeof ZAllocationChange>;

const ZReviewerRef = z.object({ userId: z.string(), name: z.string() });

/** A round member as allocation sees them: their school and how many portfolios they hold. */
export const ZAllocationReviewer = ZReviewerRef.extend({ school: z.string().nullable(), count: z.number().int() });

/** One portfolio version's row in the lead's allocation table. */
export const ZAllocationRow = z.object({
  versionId: z.string(),
  number: z.number().int(),
  qualificationCode: z.string(),
  mentor: ZReviewerRef.extend({ school: z.string().nullable() }),
  reviewer: ZReviewerRef.nullable(),
  /** Allocated to someone from the mentor's own school, because no other eligible reviewer sits on the round. */
  isSameSchool: z.boolean(),
  /** Why this row can no longer change (the reviewer has recorded their review, or it has its outcome); null when it can. */
  lockedReason: z.string().nullable(),
  /** The reviewers this version may be allocated to under the rules (never the mentor; others' schools first). */
  options: z.array(ZReviewerRef.extend({ isSameSchool: z.boolean() })),
});

/** A round's allocation for the programme lead. */
export const ZRoundAllocation = z.object({
  roundId: z.string(),
  reviewers: z.array(ZAllocationReviewer),
  rows: z.array(ZAllocationRow),
  /** Versions in the round with no reviewer yet (e.g. submitted since the last allocation). */
  unallocated: z.number().int(),
});
export type TRoundAllocation = z.infer<typeof ZRoundAllocation>;
export type TAllocationRow = z.infer<typeof ZAllocationRow>;

/** What the automatic allocation did. */
export const ZAllocationResult = ZRoundAllocation.extend({ allocated: z.number().int() });

/** The portfolios allocated to the asking reviewer, across their rounds not yet released. */
export const ZMyAllocation = z.object({
  portfolios: z.array(
    z.object({
      versionId: z.string(),
      number: z.number().int(),
      qualificationCode: z.string(),
      mentor: ZReviewerRef,
      round: z.object({ id: z.string(), name: z.string(), date: z.string() }),
      /** The reviewer has recorded their review of it. */
      isReviewed: z.boolean(),
    }),
  ),
});
export type TMyAllocation = z.infer<typeof ZMyAllocation>;

/** /api/panel — allocation of a round's portfolios to its reviewers; a reviewer's own allocation. */
export const allocationEndpoints = {
  mine: defineEndpoint({ method: "GET", path: "/api/panel/allocated", output: ZMyAllocation }),
  round: defineEndpoint({
    method: "GET",
    path: "/api/panel/rounds/:roundId/allocation",
    input: { params: ZRoundParams },
    output: ZRoundAllocation,
  }),
  allocate: defineEndpoint({
    method: "POST",
    path: "/api/panel/rounds/:roundId/allocation",
    input: { params: ZRoundParams },
    output: ZAllocationResult,
  }),
  change: defineEndpoint({
    method: "PUT",
    path: "/api/panel/rounds/:roundId/allocation/:versionId",
    input: { params: ZAllocationParams, body: ZAllocationChange },
    output: ZRoundAllocation,
  }),
};
