import { z } from "zod";

export const ZAuditStageParams = z.object({ stage: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be an audit stage code") });

/** POST /api/audit/ratings: one or more descriptor ratings; a changed rating needs a reason. */
export const ZAuditRatingsCreate = z
  .object({
    ratings: z
      .array(
        z
          .object({
            descriptor: z.string().min(1).max(64),
            value: z.number().int(),
            reason: z.string().trim().max(500, "must be at most 500 characters").optional(),
          })
          .strict(),
      )
      .min(1, "must rate at least one descriptor")
      .max(200),
  })
  .strict();
export type TAuditRatingsCreate = z.infer<typeof ZAuditRatingsCreate>;

export const ZAuditRatingHistory = z.object({ value: z.number(), reason: z.string().nullable(), ratedAt: z.string() });

export const ZAuditResponse = z.object({
  /** Whose audit it is (staff read a mentor's by ?mentorUserId=). The API always sends it; optional only because the presenter builds the rest. */
  mentor: z.object({ id: z.string(), name: z.string() }).optional(),
  versionId: z.string(),
  scale: z.array(z.object({ value: z.number(), label: z.string() })),
  stages: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      after: z.string().nullable(),
      completedAt: z.string().nullable(),
      /** Why the stage cannot be completed yet; empty when it can (or is complete). */
      blockers: z.array(z.string()),
    }),
  ),
  standards: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      summary: z.string(),
      descriptors: z.array(
        z.object({ code: z.string(), text: z.string(), current: z.number().nullable(), history: z.array(ZAuditRatingHistory) }),
      ),
      /** Mean rating at the first completed stage, and now; null when nothing rated. */
      entryAverage: z.number().nullable(),
      currentAverage: z.number().nullable(),
    }),
  ),
});
export type TAuditResponse = z.infer<typeof ZAuditResponse>;
