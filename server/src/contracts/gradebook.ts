import { z } from "zod";

/** Where a mark is on its way to the LMS gradebook. */
export const ZDeliveryStatus = z.enum(["pending", "delivered", "failed", "superseded"]);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, "must be a grade record id");
const resourceId = z.string().regex(/^(module|portfolio|credit):[A-Za-z0-9][A-Za-z0-9._-]*$/, "must look like module:M1, portfolio:MASTERY or credit:M-LEVEL-30");

export const ZGradeDeliveryListQuery = z.object({
  status: ZDeliveryStatus.optional(),
  mentorUserId: z.string().min(1).max(255).optional(),
});

export const ZGradeDelivery = z.object({
  id: z.string(),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  lineItem: z.object({ resourceId: z.string(), label: z.string(), scoreMaximum: z.number() }),
  scoreGiven: z.number(),
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
  tool: z.object({ scoreGiven: z.number(), scoreMaximum: z.number(), status: ZDeliveryStatus, gradedAt: z.string() }).nullable(),
  lms: z.object({ resultScore: z.number().nullable(), resultMaximum: z.number().nullable(), comment: z.string().nullable() }).nullable(),
  comparison: ZResultComparison,
});
export type TGradebookResultRow = z.infer<typeof ZGradebookResultRow>;

export const ZGradebookResultsResponse = z.object({
  lineItem: z.object({ resourceId: z.string(), label: z.string(), scoreMaximum: z.number() }),
  readAt: z.string(),
  rows: z.array(ZGradebookResultRow),
});
export type TGradebookResultsResponse = z.infer<typeof ZGradebookResultsResponse>;
