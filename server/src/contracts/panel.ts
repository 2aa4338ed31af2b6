import { z } from "zod";
import { ZIsoDate, ZObjectId } from "./evidence";
import { ZVersionSummary } from "./portfolio";

const ZMemberIds = z.array(z.string().min(1).max(255)).min(1, "must name at least one panel member").max(20);

export const ZRoundCreate = z.object({
  name: z.string().trim().min(1, "is required").max(120),
  date: ZIsoDate,
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
export const ZRoundDetail = ZRound.extend({ portfolios: z.array(ZVersionSummary) });
export type TRoundDetail = z.infer<typeof ZRoundDetail>;
export const ZPanelCandidates = z.object({ people: z.array(ZPanelPerson) });

/** One reviewer's judgements, per standard; saving again replaces that reviewer's own. */
export const ZJudgementsSave = z.object({
  judgements: z
    .array(
      z.object({
        standardCode: z.string().min(1).max(20),
        judgement: z.enum(["met", "more_evidence"]),
        comment: z.string().trim().max(2000).default(""),
      }),
    )
    .min(1)
    .max(40),
});
export type TJudgementsSave = z.infer<typeof ZJudgementsSave>;

/** A reviewer's outcome: approved, or resubmit with suggestions. There is no fail. */
export const ZReviewRecord = z
  .object({
    outcome: z.enum(["approved", "resubmit"]),
    summary: z.string().trim().min(1, "is required").max(5000),
    suggestions: z.string().trim().max(5000).default(""),
  })
  .refine((r) => r.outcome !== "resubmit" || r.suggestions.length > 0, { path: ["suggestions"], message: "are required when asking for a resubmission" });
export type TReviewRecord = z.infer<typeof ZReviewRecord>;
/** The programme lead's decision where reviewers disagree. */
export const ZDecisionRecord = ZReviewRecord;
