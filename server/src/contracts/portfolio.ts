import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZEvidence, ZObjectId } from "./evidence";

/**
 * Where a submitted version stands with the panel. "draft" is a portfolio never submitted.
 * There is no fail: the outcomes are approved or resubmit.
 */
export const ZVersionStatus = z.enum(["awaiting_round", "in_review", "needs_lead_decision", "approved", "resubmit"]);
export type TVersionStatus = z.infer<typeof ZVersionStatus>;
export const ZPortfolioStatus = z.union([z.literal("draft"), ZVersionStatus]);
export type TPortfolioStatus = z.infer<typeof ZPortfolioStatus>;

export const ZPortfolioCreate = z.object({ qualificationCode: z.string().min(1).max(40) });
export const ZPortfolioUpdate = z.object({
  narrativeHtml: z.string().max(200_000, "is too long: please shorten it").describe("Your story as a mentor"),
  expectedVersion: z.number().int().nonnegative(),
});
export const ZPortfolioSubmit = z.object({
  /**
   * The prior-learning route: an experienced mentor applying with evidence from past mentoring.
   * Left out, the draft's choice (PUT …/prior-learning) stands; given, it changes the draft's choice.
   */
  priorLearning: z.boolean().optional(),
  expectedVersion: z.number().int().nonnegative(),
});
/** PUT /api/portfolios/:portfolioId/prior-learning: apply (or stop applying) through the route, with the statement. */
export const ZPortfolioPriorLearning = z.object({
  applying: z.boolean().describe("I am applying through the prior-learning route"),
  statement: z
    .string()
    .max(10_000, "is too long: please keep it under 10,000 characters")
    .default("")
    .describe("Statement of experience"),
  expectedVersion: z.number().int().nonnegative(),
});
export type TPortfolioPriorLearning = z.infer<typeof ZPortfolioPriorLearning>;

/** What a qualification's prior-learning route waives and requires (programme data). */
export const ZPriorLearningRouteInfo = z.object({
  waivesModules: z.array(z.string()),
  /** Evidence must be dated within this many years before applying; null: any date. */
  evidenceWithinYears: z.number().int().nullable(),
  statementMinLength: z.number().int(),
  earnsCredit: z.boolean(),
});
export type TPriorLearningRouteInfo = z.infer<typeof ZPriorLearningRouteInfo>;
export type TPortfolioSubmit = z.infer<typeof ZPortfolioSubmit>;
export const ZPortfolioParams = z.object({ portfolioId: ZObjectId });
export const ZPortfolioEvidenceParams = z.object({ portfolioId: ZObjectId, evidenceId: ZObjectId });
export const ZVersionParams = z.object({ portfolioId: ZObjectId, number: z.coerce.number().int().positive() });
export const ZVersionAttachmentParams = ZVersionParams.extend({ attachmentId: ZObjectId });

export const ZQualificationInfo = z.object({
  code: z.string(),
  title: z.string(),
  summary: z.string(),
  minimumEvidenceSpanDays: z.number().int(),
  priorLearningAllowed: z.boolean(),
  /** The route's rules where the qualification offers it, else null. */
  priorLearningRoute: ZPriorLearningRouteInfo.nullable(),
  requiredModules: z.array(z.string()),
});

export const ZVersionSummary = z.object({
  id: z.string(),
  portfolioId: z.string(),
  number: z.number().int(),
  qualificationCode: z.string(),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  submittedAt: z.string(),
  priorLearning: z.boolean(),
  status: ZVersionStatus,
  round: z.object({ id: z.string(), name: z.string(), date: z.string() }).nullable(),
});
export type TVersionSummary = z.infer<typeof ZVersionSummary>;

export const ZSubmissionCheck = z.object({ canSubmit: z.boolean(), reasons: z.array(z.string()) });

export const ZPortfolio = z.object({
  id: z.string(),
  qualification: ZQualificationInfo,
  status: ZPortfolioStatus,
  narrativeHtml: z.string(),
  /** The draft's prior-learning application: kept for each resubmission until the mentor changes it. */
  priorLearning: z.object({ applying: z.boolean(), statement: z.string() }),
  evidenceIds: z.array(z.string()),
  versions: z.array(ZVersionSummary),
  submission: ZSubmissionCheck,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TPortfolio = z.infer<typeof ZPortfolio>;

export const ZPortfolioList = z.object({
  portfolios: z.array(ZPortfolio),
  qualifications: z.array(ZQualificationInfo),
});
export type TPortfolioList = z.infer<typeof ZPortfolioList>;

const ZCount = z.object({
  count: z.number().int(),
  latestDate: z.string().nullable(),
  evidenceIds: z.array(z.string()),
});
/** Standards × evidence: which descriptors have evidence, how much, how recent. */
export const ZCoverage = z.object({
  standards: z.array(
    ZCount.extend({
      code: z.string(),
      title: z.string(),
      /** Evidence linked to the standard as a whole rather than a descriptor. */
      general: ZCount,
      descriptors: z.array(ZCount.extend({ code: z.string(), text: z.string() })),
    }),
  ),
  timeline: z.array(
    z.object({
      evidenceId: z.string(),
      title: z.string(),
      practiceDate: z.string(),
      standardCodes: z.array(z.string()),
    }),
  ),
  span: z.object({
    firstDate: z.string().nullable(),
    lastDate: z.string().nullable(),
    days: z.number().int(),
    requiredDays: z.number().int(),
    isMet: z.boolean(),
    message: z.string(),
  }),
  /** Academic years (1 September to 31 August) the evidence falls in, e.g. "2025/26". */
  academicYears: z.array(z.object({ label: z.string(), start: z.string(), end: z.string(), count: z.number().int() })),
  gaps: z.array(z.string()),
});
export type TCoverage = z.infer<typeof ZCoverage>;

/** A piece of evidence as frozen into a submitted version. */
export const ZFrozenEvidence = ZEvidence.pick({
  title: true,
  practiceDate: true,
  narrativeHtml: true,
  links: true,
  standards: true,
  attachments: true,
}).extend({
  evidenceId: z.string(),
});
export type TFrozenEvidence = z.infer<typeof ZFrozenEvidence>;

/** What changed since the previous version, for the panel. */
export const ZVersionChanges = z.object({
  previousNumber: z.number().int(),
  narrativeChanged: z.boolean(),
  added: z.array(z.object({ evidenceId: z.string(), title: z.string() })),
  removed: z.array(z.object({ evidenceId: z.string(), title: z.string() })),
  changed: z.array(z.object({ evidenceId: z.string(), title: z.string(), fields: z.array(z.string()) })),
});
export type TVersionChanges = z.infer<typeof ZVersionChanges>;

export const ZJudgement = z.object({
  reviewerUserId: z.string(),
  reviewerName: z.string(),
  standardCode: z.string(),
  judgement: z.enum(["met", "more_evidence"]),
  comment: z.string(),
  updatedAt: z.string(),
});
export const ZReview = z.object({
  reviewerUserId: z.string(),
  reviewerName: z.string(),
  outcome: z.enum(["approved", "resubmit"]),
  summary: z.string(),
  suggestions: z.string(),
  recordedAt: z.string(),
});
export const ZDecision = z.object({
  outcome: z.enum(["approved", "resubmit"]),
  summary: z.string(),
  suggestions: z.string(),
  basis: z.enum(["single_review", "agreed_reviews", "lead_resolution", "lead_moderation"]),
  decidedBy: z.object({ userId: z.string(), name: z.string() }),
  decidedAt: z.string(),
  /** When the lead released the round to mentors; null while the outcome is the panel's alone. */
  releasedAt: z.string().nullable().default(null),
});
export type TDecision = z.infer<typeof ZDecision>;

export const ZFeedback = z.object({
  judgements: z.array(ZJudgement),
  reviews: z.array(ZReview),
  decision: ZDecision.nullable(),
  reviewersRequired: z.number().int(),
  /** Why the programme lead must confirm the outcome (staff only): reviewers disagree, the sample, a first resubmission. */
  leadReason: z.enum(["disagreement", "sample", "first_resubmission"]).nullable().default(null),
});
export type TFeedback = z.infer<typeof ZFeedback>;

export const ZPortfolioVersion = ZVersionSummary.extend({
  qualificationTitle: z.string(),
  narrativeHtml: z.string(),
  evidence: z.array(ZFrozenEvidence),
  /** Through the prior-learning route: the mentor's statement and what the route required when they submitted. */
  priorLearningApplication: z.object({ statement: z.string(), route: ZPriorLearningRouteInfo }).nullable(),
  previousVersion: z.object({ id: z.string(), number: z.number().int(), feedback: ZFeedback }).nullable(),
  changes: ZVersionChanges.nullable(),
  coverage: ZCoverage,
  feedback: ZFeedback,
  /** What the viewer may do with this version (the UI hides the rest). */
  abilities: z.object({ judge: z.boolean(), review: z.boolean(), decide: z.boolean() }),
  /** Why a panel member may not judge this version yet (its allocation), so the page says so; null otherwise. */
  judgingNote: z.string().nullable().default(null),
});
export type TPortfolioVersion = z.infer<typeof ZPortfolioVersion>;

/** The answer to a change a submitted version never accepts (always 409, naming the version). */
const refusedVersionEdit = { params: ZVersionParams };

/** /api/portfolios — a mentor's portfolios per qualification, submission, and submitted versions. */
export const portfoliosEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/portfolios", output: ZPortfolioList }),
  create: defineEndpoint({
    method: "POST",
    path: "/api/portfolios",
    input: { body: ZPortfolioCreate },
    output: ZPortfolio,
    status: 201,
  }),
  one: defineEndpoint({
    method: "GET",
    path: "/api/portfolios/:portfolioId",
    input: { params: ZPortfolioParams },
    output: ZPortfolio,
  }),
  update: defineEndpoint({
    method: "PATCH",
    path: "/api/portfolios/:portfolioId",
    input: { params: ZPortfolioParams, body: ZPortfolioUpdate },
    output: ZPortfolio,
  }),
  priorLearning: defineEndpoint({
    method: "PUT",
    path: "/api/portfolios/:portfolioId/prior-learning",
    input: { params: ZPortfolioParams, body: ZPortfolioPriorLearning },
    output: ZPortfolio,
  }),
  include: defineEndpoint({
    method: "PUT",
    path: "/api/portfolios/:portfolioId/evidence/:evidenceId",
    input: { params: ZPortfolioEvidenceParams },
    output: "none",
  }),
  exclude: defineEndpoint({
    method: "DELETE",
    path: "/api/portfolios/:portfolioId/evidence/:evidenceId",
    input: { params: ZPortfolioEvidenceParams },
    output: "none",
  }),
  coverage: defineEndpoint({
    method: "GET",
    path: "/api/portfolios/:portfolioId/coverage",
    input: { params: ZPortfolioParams },
    output: ZCoverage,
  }),
  submit: defineEndpoint({
    method: "POST",
    path: "/api/portfolios/:portfolioId/submit",
    input: { params: ZPortfolioParams, body: ZPortfolioSubmit },
    output: ZPortfolioVersion,
    status: 201,
  }),
  version: defineEndpoint({
    method: "GET",
    path: "/api/portfolios/:portfolioId/versions/:number",
    input: { params: ZVersionParams },
    output: ZPortfolioVersion,
  }),
  /** A submitted version is what the panel saw: these are always refused. */
  replaceVersion: defineEndpoint({
    method: "PUT",
    path: "/api/portfolios/:portfolioId/versions/:number",
    input: refusedVersionEdit,
    output: "none",
  }),
  editVersion: defineEndpoint({
    method: "PATCH",
    path: "/api/portfolios/:portfolioId/versions/:number",
    input: refusedVersionEdit,
    output: "none",
  }),
  deleteVersion: defineEndpoint({
    method: "DELETE",
    path: "/api/portfolios/:portfolioId/versions/:number",
    input: refusedVersionEdit,
    output: "none",
  }),
  versionAttachment: defineEndpoint({
    method: "GET",
    path: "/api/portfolios/:portfolioId/versions/:number/attachments/:attachmentId",
    input: { params: ZVersionAttachmentParams },
    output: "file",
  }),
};
