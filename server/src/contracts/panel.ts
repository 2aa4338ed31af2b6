import { z } from "zod";
import { ZIsoDate, ZObjectId } from "./evidence";
import { defineEndpoint } from "./endpoint";
import { ZPortfolioVersion, ZReview, ZVersionSummary } from "./portfolio";

const ZMemberIds = z.array(z.string().min(1).max(255)).min(1, "must name at least one panel member").max(20);

export const ZRoundCreate = z.object({
  name: z.string().trim().min(1, "is required: please name the round").max(120).describe("Name"),
  date: ZIsoDate.describe("Date the panel meets"),
  memberUserIds: ZMemberIds,
});
export type TRoundCreate = z.infer<typeof ZRoundCreate>;

export const ZRoundUpdate = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  date: ZIsoDate.optional(),
  /** A closed round takes no new portfolios. */
  status: z.enum(["open", "closed"]).optional(),
  memberUserIds: ZMemberIds.optional(),
  expectedVersion: z.number().int().nonnegative(),
});
export type TRoundUpdate = z.infer<typeof ZRoundUpdate>;

export const ZRoundParams = z.object({ roundId: ZObjectId });
export const ZPanelVersionParams = z.object({ versionId: ZObjectId });

export const ZPanelPerson = z.object({ userId: z.string(), name: z.string(), roles: z.array(z.string()) });

export const ZRound = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  status: z.enum(["open", "closed"]),
  members: z.array(ZPanelPerson),
  portfolioCount: z.number().int(),
  version: z.number().int(),
});
export type TRound = z.infer<typeof ZRound>;

export const ZRoundList = z.object({ rounds: z.array(ZRound), canManage: z.boolean() });
export const ZRoundDetail = ZRound.extend({
  portfolios: z.array(ZVersionSummary),
  /** Decided outcomes not yet released, and versions still without one (release waits for none). */
  release: z.object({
    releasedAt: z.string().nullable(),
    decided: z.number().int(),
    undecided: z.number().int(),
    canRelease: z.boolean(),
  }),
});
export type TRoundDetail = z.infer<typeof ZRoundDetail>;
export const ZPanelCandidates = z.object({ people: z.array(ZPanelPerson) });

const ZJudgementList = z
  .array(
    z.object({
      standardCode: z.string().min(1).max(20),
      judgement: z.enum(["met", "more_evidence"]).describe("Judgement of standard {standardCode}"),
      comment: z.string().trim().max(2000).default("").describe("Suggestion or comment on standard {standardCode}"),
    }),
  )
  .min(1)
  .max(40);

/** One reviewer's judgements, per standard; saving again replaces that reviewer's own draft. */
export const ZJudgementsSave = z.object({ judgements: ZJudgementList.describe("Your judgement of each standard") });
export type TJudgementsSave = z.infer<typeof ZJudgementsSave>;

const ZOutcomeFields = z.object({
  outcome: z.enum(["approved", "resubmit"]).describe("Outcome"),
  summary: z.string().trim().min(1, "is required").max(5000).describe("Summary for the mentor"),
  suggestions: z.string().trim().max(5000).default("").describe("Suggestions"),
});

/**
 * A reviewer's outcome with the judgements it rests on, saved together (one request, one write).
 * Without `judgements` the reviewer's saved draft is used. "Approved" only when every standard is
 * met; otherwise "resubmit", each unmet standard carrying a suggestion (checked by the command).
 */
export const ZReviewRecord = ZOutcomeFields.extend({
  judgements: ZJudgementList.describe("Your judgement of each standard").optional(),
});
export type TReviewRecord = z.infer<typeof ZReviewRecord>;

/** The programme lead's decision (reviewers disagree, or moderation): approved, or resubmit with suggestions. There is no fail. */
export const ZDecisionRecord = ZOutcomeFields.refine((r) => r.outcome !== "resubmit" || r.suggestions.length > 0, {
  path: ["suggestions"],
  message: "are required when asking for a resubmission",
});
export type TDecisionRecord = z.infer<typeof ZDecisionRecord>;

/** The lead releases a round's decided outcomes to mentors. */
export const ZRoundRelease = z.object({
  expectedVersion: z.number().int().nonnegative().describe("The round as you opened it"),
});

/** A version waiting for the programme lead, with every review side by side. */
export const ZModerationItem = z.object({
  version: ZVersionSummary,
  reason: z.enum(["disagreement", "sample", "first_resubmission"]),
  // Each review as a portfolio version shows it, with its judgements beside it for the lead.
  reviews: z.array(
    ZReview.extend({
      judgements: z.array(
        z.object({ standardCode: z.string(), judgement: z.enum(["met", "more_evidence"]), comment: z.string() }),
      ),
    }),
  ),
});
export const ZModerationQueue = z.object({ items: z.array(ZModerationItem) });
export type TModerationQueue = z.infer<typeof ZModerationQueue>;

/** What a release answers: the round's release state after it. */
export const ZRoundReleaseAnswer = z.object({ release: ZRoundDetail.shape.release });

/** /api/panel — panel rounds (leads manage them), and judging submitted portfolio versions. */
export const panelEndpoints = {
  rounds: defineEndpoint({ method: "GET", path: "/api/panel/rounds", output: ZRoundList }),
  candidates: defineEndpoint({ method: "GET", path: "/api/panel/candidates", output: ZPanelCandidates }),
  createRound: defineEndpoint({
    method: "POST",
    path: "/api/panel/rounds",
    input: { body: ZRoundCreate },
    output: ZRound,
    status: 201,
  }),
  round: defineEndpoint({
    method: "GET",
    path: "/api/panel/rounds/:roundId",
    input: { params: ZRoundParams },
    output: ZRoundDetail,
  }),
  release: defineEndpoint({
    method: "POST",
    path: "/api/panel/rounds/:roundId/release",
    input: { params: ZRoundParams, body: ZRoundRelease },
    output: ZRoundReleaseAnswer,
  }),
  moderation: defineEndpoint({ method: "GET", path: "/api/panel/moderation", output: ZModerationQueue }),
  updateRound: defineEndpoint({
    method: "PATCH",
    path: "/api/panel/rounds/:roundId",
    input: { params: ZRoundParams, body: ZRoundUpdate },
    output: ZRound,
  }),
  version: defineEndpoint({
    method: "GET",
    path: "/api/panel/versions/:versionId",
    input: { params: ZPanelVersionParams },
    output: ZPortfolioVersion,
  }),
  saveJudgements: defineEndpoint({
    method: "PUT",
    path: "/api/panel/versions/:versionId/judgements",
    input: { params: ZPanelVersionParams, body: ZJudgementsSave },
    output: ZPortfolioVersion,
  }),
  review: defineEndpoint({
    method: "POST",
    path: "/api/panel/versions/:versionId/review",
    input: { params: ZPanelVersionParams, body: ZReviewRecord },
    output: ZPortfolioVersion,
    status: 201,
  }),
  decide: defineEndpoint({
    method: "POST",
    path: "/api/panel/versions/:versionId/decision",
    input: { params: ZPanelVersionParams, body: ZDecisionRecord },
    output: ZPortfolioVersion,
    status: 201,
  }),
};
