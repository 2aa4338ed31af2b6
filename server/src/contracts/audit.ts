import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZPathwayQuery } from "./modules";

export const ZAuditStageParams = z.object({
  stage: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be an audit stage code"),
});

/** POST /api/audit/ratings: one or more descriptor ratings; a changed rating needs a reason. */
export const ZAuditRatingsCreate = z
  .object({
    ratings: z
      .array(
        z
          .object({
            descriptor: z.string().min(1).max(64).describe("Descriptor {descriptor}"),
            value: z.number().int().describe("Your rating of {descriptor}"),
            reason: z
              .string()
              .trim()
              .max(500, "must be 500 characters or fewer")
              .optional()
              .describe("Reason your confidence in {descriptor} changed"),
          })
          .strict(),
      )
      .min(1, "must rate at least one descriptor: choose a rating first")
      .max(200)
      .describe("Ratings"),
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
      /** Whether the stage can be taken now: its earlier stage is complete and the modules it waits on are passed. */
      isOpen: z.boolean(),
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
        z.object({
          code: z.string(),
          text: z.string(),
          current: z.number().nullable(),
          history: z.array(ZAuditRatingHistory),
        }),
      ),
      /** Mean rating at the first completed stage, and now; null when nothing rated. */
      entryAverage: z.number().nullable(),
      currentAverage: z.number().nullable(),
      /** Mean rating as frozen at each stage, in the programme's order; null for a stage not completed. */
      stageAverages: z.array(z.object({ stage: z.string(), title: z.string(), average: z.number().nullable() })),
    }),
  ),
});
export type TAuditResponse = z.infer<typeof ZAuditResponse>;

/** /api/audit — the mentor's self-assessment; staff may read a mentor's (?mentorUserId=). */
export const auditEndpoints = {
  read: defineEndpoint({ method: "GET", path: "/api/audit", input: { query: ZPathwayQuery }, output: ZAuditResponse }),
  rate: defineEndpoint({
    method: "POST",
    path: "/api/audit/ratings",
    input: { body: ZAuditRatingsCreate },
    output: ZAuditResponse,
    status: 201,
  }),
  completeStage: defineEndpoint({
    method: "POST",
    path: "/api/audit/stages/:stage/complete",
    input: { params: ZAuditStageParams },
    output: ZAuditResponse,
  }),
};
