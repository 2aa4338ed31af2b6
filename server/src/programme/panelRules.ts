import { z } from "zod";

/**
 * How a programme moderates panel outcomes. Every outcome is provisional until confirmed: by a
 * second reviewer who agrees, or by the programme lead (reviewers disagree, the sample picks the
 * version, or it is a first resubmission and the programme sends those to the lead).
 */
export const ZModeration = z.object({
  /** Which first outcomes need a second reviewer: all of them, only approvals, or none. */
  secondReview: z.enum(["all", "approvals", "none"]).default("all"),
  /** The share of versions (0–100) the programme lead moderates as well, picked by a fixed hash of the version. */
  samplePercent: z.number().int().min(0).max(100).default(10),
  /** Every first resubmission (version 1, outcome resubmit) also goes to the programme lead. */
  firstResubmissions: z.boolean().default(true),
});
export type TModeration = z.infer<typeof ZModeration>;

/** The panel section of a programme. `secondReviewerRequired` is read by older files only; `moderation` rules. */
export const ZPanelRules = z
  .object({
    secondReviewerRequired: z.boolean().default(false),
    moderation: ZModeration.default({}),
  })
  .default({});
