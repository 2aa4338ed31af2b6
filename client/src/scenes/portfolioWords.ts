import type { TPortfolioStatus } from "@contracts/portfolio";

/** Portfolio and version states in the users' words. */
export const statusLabel: Record<TPortfolioStatus, string> = {
  draft: "Draft, not submitted",
  awaiting_round: "Submitted, waiting for a panel round",
  in_review: "With the review panel",
  needs_lead_decision: "Reviewers disagree: waiting for the programme lead",
  approved: "Approved",
  resubmit: "Resubmission requested",
};
