import type { Actor } from "../lti/sessionToken";
import type { ScopedCondition } from "./cancan";

/** Anything that is one mentor's: module work, a credit award, a certificate, a portfolio version, hours, a mark. */
export interface OwnedSubject {
  /** The platform it belongs to; a record loaded inside the actor's course scope may leave it out. */
  tenantId?: string;
  mentorUserId: string;
}

/**
 * The oversight actions that separation of duties forbids on one's own things. A person may
 * hold several roles in a course (Learner and Administrator, say): whatever they hold, nobody
 * ratifies, reverses, marks, reviews, decides, revokes, releases or removes what is their own.
 * Each policy says so with forbid(…, isOwnWork, ownWorkRefusals.<action>).
 */
export type OversightAction =
  | "ratify"
  | "reverse"
  | "mark"
  | "review"
  | "decide"
  | "revoke"
  | "release"
  | "removeHours"
  | "signOff"
  | "releaseAward";

/** What the person is told, naming who must act instead. */
export const ownWorkRefusals: Record<OversightAction, string> = {
  ratify: "You cannot ratify your own credit. Another programme lead must do it.",
  reverse: "You cannot reverse your own credit. Another programme lead must do it.",
  mark: "You cannot mark your own module work. Another tutor must mark it.",
  review: "You cannot review your own portfolio. Another panel member must review it.",
  decide: "You cannot decide the outcome of your own portfolio. Another programme lead must do it.",
  revoke: "You cannot revoke your own certificate. Another programme lead must do it.",
  release: "You cannot send your own mark to the gradebook again. Another tutor must do it.",
  removeHours: "You cannot remove hours someone else logged in your own ledger. Ask them, or another tutor, to do it.",
  signOff:
    "You cannot sign off your own record sheet. The person your programme names (your link tutor, lead mentor or coordinating mentor) must do it.",
  releaseAward: "You cannot release your own award. Another programme lead must do it.",
};

/** True when `subject` belongs to the actor: the same person on the same platform. */
export function isOwnWork(actor: Actor, subject: OwnedSubject): boolean {
  return (
    subject.mentorUserId === actor.userId && (subject.tenantId === undefined || subject.tenantId === actor.tenantId)
  );
}

/** The condition "it is the actor's own", for one subject and as a query filter. */
export const ownWork: ScopedCondition<OwnedSubject, unknown> = {
  test: isOwnWork,
  where: (actor) => ({ mentorUserId: actor.userId }),
};
