import crypto from "node:crypto";
import type { TVersionStatus } from "../contracts/portfolio";
import type { TModeration } from "./panelRules";
import type { TProgramme } from "./schema";

// The panel's moderation rules, pure: how many reviewers a version needs, whether the lead must
// confirm it, and where it stands. Queries load the reviews and decisions these rules judge.

/** What decides a version's status: how many reviewers, the programme's moderation, and whether staff see unreleased outcomes. */
export interface PanelRules {
  required: number;
  moderation: TModeration;
  /** Staff see an outcome once it is decided; mentors (the default) only once the round is released. */
  showUnreleased?: boolean;
}

/** The panel rules of a programme (named for what most callers want from it). */
export const reviewersRequired = (programme: TProgramme): PanelRules => ({
  required: programme.panel.moderation.secondReview === "none" ? 1 : 2,
  moderation: programme.panel.moderation,
});

/** True when the programme's sample picks this version: a fixed hash of its id, so the same answer every time. */
export function isSampled(versionId: unknown, samplePercent: number): boolean {
  if (samplePercent <= 0) return false;
  const n = crypto.createHash("sha256").update(String(versionId)).digest().readUInt32BE(0) % 100;
  return n < samplePercent;
}

/** Why the programme lead must confirm a version, if they must. */
export type LeadReason = "disagreement" | "sample" | "first_resubmission";

/** Where moderation stands from the reviews so far: more reviews needed, the lead's call, or agreed. */
export type ModerationState =
  | { kind: "reviews_needed"; needed: number }
  | { kind: "lead"; reason: LeadReason }
  | { kind: "agreed"; outcome: "approved" | "resubmit"; basis: "single_review" | "agreed_reviews" };

/**
 * The moderation rule applied to a version's reviews: a second reviewer where the programme asks
 * for one (all outcomes, or approvals); the lead where they disagree, where the sample picks the
 * version, or for a first resubmission where the programme says so; otherwise the agreed outcome.
 */
export function moderationState(
  version: { _id: unknown; number: number },
  reviews: Array<{ outcome: string }>,
  moderation: TModeration,
): ModerationState {
  if (reviews.length === 0) return { kind: "reviews_needed", needed: 1 };
  const first = reviews[0].outcome as "approved" | "resubmit";
  if (new Set(reviews.map((r) => r.outcome)).size > 1) return { kind: "lead", reason: "disagreement" };
  const needsSecond =
    moderation.secondReview === "all" || (moderation.secondReview === "approvals" && first === "approved");
  if (needsSecond && reviews.length < 2) return { kind: "reviews_needed", needed: 2 - reviews.length };
  if (isSampled(version._id, moderation.samplePercent)) return { kind: "lead", reason: "sample" };
  if (moderation.firstResubmissions && version.number === 1 && first === "resubmit")
    return { kind: "lead", reason: "first_resubmission" };
  return { kind: "agreed", outcome: first, basis: reviews.length > 1 ? "agreed_reviews" : "single_review" };
}

/** Where a version stands, from its round, its reviews and its decision (hidden from mentors until released). */
export function versionStatus(
  version: { _id?: unknown; number?: number; roundId?: unknown },
  reviews: Array<{ outcome: string }>,
  decision: { outcome: string; releasedAt?: Date | null } | null,
  rules: PanelRules,
): TVersionStatus {
  if (decision && (decision.releasedAt || rules.showUnreleased)) return decision.outcome as TVersionStatus;
  if (decision) return "in_review";
  if (!version.roundId) return "awaiting_round";
  const state = moderationState({ _id: version._id, number: version.number ?? 1 }, reviews, rules.moderation);
  if (state.kind === "lead" && rules.showUnreleased) return "needs_lead_decision";
  return "in_review";
}
