import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZModuleDecision, ZModuleWorkFile } from "./modules";

export const ZMarkingQuery = z.object({ status: z.enum(["submitted", "marked", "all"]).default("submitted") });
export const ZMarkingParams = z.object({ recordId: z.string().regex(/^[a-f0-9]{24}$/, "must be a module work id") });

const feedback = z
  .string()
  .trim()
  .min(1, "is required: please write feedback for the mentor")
  .max(10_000, "must be at most 10,000 characters")
  .describe("Feedback to the mentor");
const attempt = z.number().int().positive();

/** POST /api/marking/:recordId/mark: a score (score scheme) or an outcome (pass_resubmit scheme). */
export const ZModuleMarkCreate = z
  .object({
    attempt,
    score: z.number().nonnegative().optional().describe("Score"),
    outcome: z.enum(["pass", "resubmit"]).optional().describe("Outcome"),
    feedback,
  })
  .strict();
export type TModuleMarkCreate = z.infer<typeof ZModuleMarkCreate>;

/** POST /api/marking/:recordId/return: send the work back for more work, without a mark. */
export const ZModuleReturnCreate = z.object({ attempt, feedback }).strict();
export type TModuleReturnCreate = z.infer<typeof ZModuleReturnCreate>;

/**
 * POST /api/marking/:recordId/correct: a new mark that supersedes the one given, with the reason.
 * `revision` is the mark's revision the tutor saw (a correction made meanwhile makes this a 409).
 */
export const ZModuleMarkCorrect = z
  .object({
    attempt,
    revision: z.number().int().nonnegative(),
    score: z.number().nonnegative().optional().describe("Corrected score"),
    outcome: z.enum(["pass", "resubmit"]).optional().describe("Corrected outcome"),
    feedback: z
      .string()
      .trim()
      .max(10_000, "must be at most 10,000 characters")
      .optional()
      .describe("Feedback to the mentor"),
    reason: z
      .string()
      .trim()
      .min(1, "is required: say why the mark is being corrected")
      .max(2_000, "must be at most 2,000 characters")
      .describe("Reason for the correction"),
  })
  .strict();
export type TModuleMarkCorrect = z.infer<typeof ZModuleMarkCorrect>;

/** One correction of a mark, as the tutor and the mentor read it. */
export const ZMarkCorrection = z.object({
  revision: z.number(),
  before: z.string(),
  after: z.string(),
  reason: z.string(),
  correctedByName: z.string(),
  correctedAt: z.string(),
  /** Where the corrected mark came from, when adopted from the LMS gradebook. */
  isFromLms: z.boolean(),
});
export type TMarkCorrection = z.infer<typeof ZMarkCorrection>;

export const ZMarkingItem = z.object({
  recordId: z.string(),
  mentor: z.object({ id: z.string(), name: z.string(), school: z.string().nullable() }),
  moduleCode: z.string(),
  moduleNumber: z.number(),
  moduleTitle: z.string(),
  status: z.enum(["in_progress", "submitted", "returned", "graded"]),
  attempt: z.number(),
  submittedAt: z.string().nullable(),
  latestDecision: ZModuleDecision.nullable(),
});
export type TMarkingItem = z.infer<typeof ZMarkingItem>;

export const ZMarkingList = z.object({ items: z.array(ZMarkingItem) });
export type TMarkingList = z.infer<typeof ZMarkingList>;

/** GET /api/marking/:recordId: the submitted work, what it is marked against, and its history. */
export const ZMarkingDetail = ZMarkingItem.extend({
  marking: z.object({
    scheme: z.enum(["score", "pass_resubmit"]),
    maximum: z.number(),
    passMark: z.number().nullable(),
  }),
  submission: z
    .object({
      reflection: z.string(),
      activities: z.array(z.object({ code: z.string(), title: z.string(), done: z.boolean() })),
      /** Files the mentor attached to the work (download: /api/modules/:moduleCode/work-files/:id?mentorUserId=). */
      files: z.array(ZModuleWorkFile),
    })
    .nullable(),
  canMark: z.boolean(),
  /** The mark on the current attempt can be corrected by this tutor (never on their own work). */
  canCorrect: z.boolean(),
  /** The current mark's revision, sent back with a correction; null when there is no mark to correct. */
  markRevision: z.number().nullable(),
  /** Corrections of the current attempt's mark, oldest first. */
  corrections: z.array(ZMarkCorrection),
  history: z.array(z.object({ attempt: z.number(), submittedAt: z.string(), decision: ZModuleDecision.nullable() })),
});
export type TMarkingDetail = z.infer<typeof ZMarkingDetail>;

/** /api/marking — module work waiting for (or given) a tutor's mark; marks, returns and corrections. */
export const markingEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/marking", input: { query: ZMarkingQuery }, output: ZMarkingList }),
  work: defineEndpoint({
    method: "GET",
    path: "/api/marking/:recordId",
    input: { params: ZMarkingParams },
    output: ZMarkingDetail,
  }),
  mark: defineEndpoint({
    method: "POST",
    path: "/api/marking/:recordId/mark",
    input: { params: ZMarkingParams, body: ZModuleMarkCreate },
    output: ZMarkingDetail,
    status: 201,
  }),
  return: defineEndpoint({
    method: "POST",
    path: "/api/marking/:recordId/return",
    input: { params: ZMarkingParams, body: ZModuleReturnCreate },
    output: ZMarkingDetail,
    status: 201,
  }),
  correct: defineEndpoint({
    method: "POST",
    path: "/api/marking/:recordId/correct",
    input: { params: ZMarkingParams, body: ZModuleMarkCorrect },
    output: ZMarkingDetail,
  }),
};
