import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** Where a mark is on its way to the LMS gradebook. */
export const ZDeliveryStatus = z.enum(["pending", "delivered", "failed", "superseded"]);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, "must be a grade record id");
const resourceId = z
  .string()
  .regex(
    /^(module|portfolio|credit):[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "must look like module:M1, portfolio:MASTERY or credit:M-LEVEL-30",
  );

export const ZGradeDeliveryListQuery = z.object({
  status: ZDeliveryStatus.optional(),
  mentorUserId: z.string().min(1).max(255).optional(),
});

export const ZGradeDelivery = z.object({
  id: z.string(),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  lineItem: z.object({ resourceId: z.string(), label: z.string(), scoreMaximum: z.number() }),
  /** Null for a submission or a return for resubmission, which report progress without a score. */
  scoreGiven: z.number().nullable(),
  /** What the LMS is told: a mark, a submission needing marking, or work returned for resubmission. */
  progress: z.enum(["marked", "needs_marking", "returned"]),
  comment: z.string().nullable(),
  gradedAt: z.string(),
  status: ZDeliveryStatus,
  attempts: z.number(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /** The LMS's own words for a failure, to show to a person. */
  lastError: z.string().nullable(),
});
export type TGradeDelivery = z.infer<typeof ZGradeDelivery>;

export const ZGradeDeliveryListResponse = z.object({
  deliveries: z.array(ZGradeDelivery),
  counts: z.record(ZDeliveryStatus, z.number()),
});
export type TGradeDeliveryListResponse = z.infer<typeof ZGradeDeliveryListResponse>;

export const ZGradeDeliveryParams = z.object({ id: objectId });
export const ZGradeDeliveryRetryResponse = z.object({ delivery: ZGradeDelivery });

export const ZGradebookLineItem = z.object({
  resourceId: z.string(),
  label: z.string(),
  scoreMaximum: z.number(),
  /** False until the column has been found or made at the LMS. */
  isInLms: z.boolean(),
});
export const ZGradebookLineItemsResponse = z.object({ lineItems: z.array(ZGradebookLineItem) });
export type TGradebookLineItemsResponse = z.infer<typeof ZGradebookLineItemsResponse>;

export const ZGradebookResultsParams = z.object({ resourceId });

/** How the LMS's cell compares with the tool's newest mark. */
export const ZResultComparison = z.enum(["same", "differs", "not_yet_delivered", "missing_in_lms", "only_in_lms"]);

export const ZGradebookResultRow = z.object({
  mentor: z.object({ userId: z.string(), name: z.string() }),
  tool: z
    .object({ scoreGiven: z.number(), scoreMaximum: z.number(), status: ZDeliveryStatus, gradedAt: z.string() })
    .nullable(),
  lms: z
    .object({
      resultScore: z.number().nullable(),
      resultMaximum: z.number().nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
  comparison: ZResultComparison,
});
export type TGradebookResultRow = z.infer<typeof ZGradebookResultRow>;

export const ZGradebookResultsResponse = z.object({
  lineItem: z.object({ resourceId: z.string(), label: z.string(), scoreMaximum: z.number() }),
  readAt: z.string(),
  rows: z.array(ZGradebookResultRow),
});
export type TGradebookResultsResponse = z.infer<typeof ZGradebookResultsResponse>;

/** A mark the LMS gradebook shows that the tool did not send, offered to tutors (or a conflict to settle). */
export const ZLmsMark = z.object({
  id: z.string(),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  module: z.object({ code: z.string(), label: z.string() }),
  /** proposal: changed in the LMS only; conflict: changed in the LMS and in the tool. */
  kind: z.enum(["proposal", "conflict"]),
  /** Where the mark came from, in words. */
  source: z.string(),
  lms: z.object({ score: z.number(), maximum: z.number(), comment: z.string().nullable() }),
  /** The tool's mark it differs from, if any. */
  tool: z.object({ scoreGiven: z.number(), scoreMaximum: z.number() }).nullable(),
  /** For a conflict: the tool's newer mark the LMS does not have yet. */
  toolPending: z.object({ scoreGiven: z.number(), scoreMaximum: z.number() }).nullable().default(null),
  seenAt: z.string(),
  /** What adopting does: the module's first mark (work waiting for one) or a correction of the tool's mark. */
  adoptAs: z.enum(["mark", "correction"]).nullable().default(null),
  /** Adopting needs submitted work waiting for a mark, or a mark in the tool to correct; otherwise why not. */
  canAdopt: z.boolean(),
  whyNotAdoptable: z.string().nullable(),
});
export type TLmsMark = z.infer<typeof ZLmsMark>;

export const ZLmsMarkListResponse = z.object({ marks: z.array(ZLmsMark) });
export type TLmsMarkListResponse = z.infer<typeof ZLmsMarkListResponse>;

export const ZLmsMarkReadResponse = ZLmsMarkListResponse.extend({
  read: z.object({ columns: z.number(), proposed: z.number(), conflicts: z.number(), adopted: z.number() }),
});
export type TLmsMarkReadResponse = z.infer<typeof ZLmsMarkReadResponse>;

export const ZLmsMarkParams = z.object({ id: objectId });
export const ZLmsMarkSettleResponse = z.object({ status: z.enum(["adopted", "dismissed"]) });

/** /api/gradebook — the course's LMS gradebook connection: deliveries, columns, results read back, marks made in the LMS. */
export const gradebookEndpoints = {
  deliveries: defineEndpoint({
    method: "GET",
    path: "/api/gradebook/deliveries",
    input: { query: ZGradeDeliveryListQuery },
    output: ZGradeDeliveryListResponse,
  }),
  retry: defineEndpoint({
    method: "POST",
    path: "/api/gradebook/deliveries/:id/retry",
    input: { params: ZGradeDeliveryParams },
    output: ZGradeDeliveryRetryResponse,
  }),
  lineItems: defineEndpoint({ method: "GET", path: "/api/gradebook/line-items", output: ZGradebookLineItemsResponse }),
  syncLineItems: defineEndpoint({
    method: "POST",
    path: "/api/gradebook/line-items/sync",
    output: ZGradebookLineItemsResponse,
  }),
  results: defineEndpoint({
    method: "GET",
    path: "/api/gradebook/line-items/:resourceId/results",
    input: { params: ZGradebookResultsParams },
    output: ZGradebookResultsResponse,
  }),
  lmsMarks: defineEndpoint({ method: "GET", path: "/api/gradebook/lms-marks", output: ZLmsMarkListResponse }),
  readLmsMarks: defineEndpoint({ method: "POST", path: "/api/gradebook/lms-marks/read", output: ZLmsMarkReadResponse }),
  adoptLmsMark: defineEndpoint({
    method: "POST",
    path: "/api/gradebook/lms-marks/:id/adopt",
    input: { params: ZLmsMarkParams },
    output: ZLmsMarkSettleResponse,
  }),
  dismissLmsMark: defineEndpoint({
    method: "POST",
    path: "/api/gradebook/lms-marks/:id/dismiss",
    input: { params: ZLmsMarkParams },
    output: ZLmsMarkSettleResponse,
  }),
};
