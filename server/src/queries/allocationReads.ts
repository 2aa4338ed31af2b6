import type { TMyAllocation, TRoundAllocation } from "../contracts/allocation";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { PanelAllocation, type PanelAllocationDoc } from "../models/panelAllocation";
import { PanelMember } from "../models/panelMember";
import { PanelRound, type PanelRoundDoc } from "../models/panelRound";
import { PanelDecision, PanelReview } from "../models/panelReview";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { allowedReviewers, type PortfolioToAllocate, type Reviewer } from "../panel/allocationPlan";
import { courseScope } from "../policies/scope";
import { isoDay } from "../presenters/evidence";

/** Everything allocation needs to know about one round, read in a handful of queries. */
export interface RoundAllocationState {
  round: PanelRoundDoc;
  /** The round's members, who review its portfolios. */
  reviewers: Reviewer[];
  versions: PortfolioVersionDoc[];
  mentors: Map<string, { name: string; school: string | null }>;
  allocations: Map<string, PanelAllocationDoc>;
  /** Who has recorded a review of each version, oldest first. */
  reviewersOf: Map<string, Array<{ userId: string; name: string }>>;
  decided: Set<string>;
  /** Everyone named above (members, mentors, reviewers allocated before they left the round), by user id. */
  names: Map<string, string>;
}

/** Reads a round's members (with their schools), versions, allocations, reviews and decisions. Writes nothing. */
export async function loadAllocationState(round: PanelRoundDoc): Promise<RoundAllocationState> {
  const scope = { tenantId: round.tenantId, contextId: round.contextId };
  const [seats, versions, allocations, reviews, decisions] = await Promise.all([
    PanelMember.find({ ...scope, roundId: round._id }, { userId: 1 }).lean(),
    PortfolioVersion.find({ ...scope, roundId: round._id }, { evidence: 0, narrativeHtml: 0 })
      .sort({ submittedAt: 1 })
      .lean<PortfolioVersionDoc[]>(),
    PanelAllocation.find({ ...scope, roundId: round._id }).lean<PanelAllocationDoc[]>(),
    PanelReview.find(
      { ...scope, roundId: round._id },
      { versionId: 1, reviewerUserId: 1, reviewerName: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean(),
    PanelDecision.find({ ...scope, roundId: round._id }, { versionId: 1 }).lean(),
  ]);
  const people = await Member.find(
    {
      ...scope,
      userId: {
        $in: [
          ...seats.map((s) => s.userId),
          ...versions.map((v) => v.mentorUserId),
          ...allocations.map((a) => a.reviewerUserId),
        ],
      },
    },
    { userId: 1, name: 1, school: 1 },
  ).lean();
  const person = new Map(people.map((p) => [p.userId, p]));
  const reviewersOf = new Map<string, Array<{ userId: string; name: string }>>();
  for (const r of reviews)
    reviewersOf.set(String(r.versionId), [
      ...(reviewersOf.get(String(r.versionId)) ?? []),
      { userId: r.reviewerUserId, name: r.reviewerName },
    ]);
  return {
    round,
    reviewers: seats
      .map((s) => ({
        userId: s.userId,
        name: person.get(s.userId)?.name ?? s.userId,
        school: person.get(s.userId)?.school ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    versions,
    mentors: new Map(
      versions.map((v) => [
        v.mentorUserId,
        { name: person.get(v.mentorUserId)?.name ?? v.mentorName, school: person.get(v.mentorUserId)?.school ?? null },
      ]),
    ),
    allocations: new Map(allocations.map((a) => [String(a.versionId), a])),
    reviewersOf,
    decided: new Set(decisions.map((d) => String(d.versionId))),
    names: new Map(people.map((p) => [p.userId, p.name])),
  };
}

/** A version as the allocation rules see it. */
export const toAllocate = (state: RoundAllocationState, v: PortfolioVersionDoc): PortfolioToAllocate => ({
  versionId: v._id.toString(),
  mentorUserId: v.mentorUserId,
  mentorSchool: state.mentors.get(v.mentorUserId)?.school ?? null,
});

/** Why a version's allocation can no longer change, as a sentence; null while it can. */
export function lockedReason(state: RoundAllocationState, versionId: string): string | null {
  if (state.decided.has(versionId)) return "It has its outcome.";
  const reviewed = state.reviewersOf.get(versionId) ?? [];
  const allocation = state.allocations.get(versionId);
  const allocatedReviewer = allocation && reviewed.find((r) => r.userId === allocation.reviewerUserId);
  if (allocatedReviewer) return `${allocatedReviewer.name} has recorded their review.`;
  if (!allocation && reviewed.length > 0) return `${reviewed[0].name} reviewed it before it was allocated.`;
  if (allocation && reviewed.length > 0 && !state.reviewers.some((r) => r.userId === allocation.reviewerUserId)) {
    return `${reviewed[0].name} reviewed it after ${state.names.get(allocation.reviewerUserId) ?? "its reviewer"} left the round.`;
  }
  return null;
}

/** The lead's allocation table for a round. A read: it writes nothing. */
export function presentAllocation(state: RoundAllocationState): TRoundAllocation {
  const onRound = new Set(state.reviewers.map((r) => r.userId));
  const nameOf = (userId: string) =>
    state.reviewers.find((r) => r.userId === userId)?.name ??
    `${state.names.get(userId) ?? userId} (no longer on this round)`;
  const count = (userId: string) => [...state.allocations.values()].filter((a) => a.reviewerUserId === userId).length;
  const rows = state.versions.map((v) => {
    const id = v._id.toString();
    const allocation = state.allocations.get(id);
    const mentor = state.mentors.get(v.mentorUserId)!;
    const { allowed, isSameSchool } = allowedReviewers(toAllocate(state, v), state.reviewers);
    return {
      versionId: id,
      number: v.number,
      qualificationCode: v.qualificationCode,
      mentor: { userId: v.mentorUserId, name: mentor.name, school: mentor.school },
      reviewer: allocation ? { userId: allocation.reviewerUserId, name: nameOf(allocation.reviewerUserId) } : null,
      isSameSchool: allocation?.isSameSchool ?? false,
      lockedReason: lockedReason(state, id),
      options: allowed.map((r) => ({ userId: r.userId, name: r.name, isSameSchool })),
    };
  });
  return {
    roundId: state.round._id.toString(),
    reviewers: state.reviewers.map((r) => ({ ...r, count: count(r.userId) })),
    rows,
    // A reviewer taken off the round no longer holds the portfolio: Allocate gives it to another.
    unallocated: rows.filter((r) => (!r.reviewer || !onRound.has(r.reviewer.userId)) && !r.lockedReason).length,
  };
}

/**
 * The portfolios allocated to the actor in rounds not yet released, the ones still to review
 * first: what a reviewer sees at the top of their panel list. A read: it writes nothing.
 */
export async function myAllocation(actor: Actor): Promise<TMyAllocation["portfolios"]> {
  const scope = courseScope(actor);
  const allocations = await PanelAllocation.find({ ...scope, reviewerUserId: actor.userId }).lean<
    PanelAllocationDoc[]
  >();
  if (allocations.length === 0) return [];
  // Someone taken off a round keeps no allocation in it (the lead's next allocation moves those).
  const seats = await PanelMember.find(
    { ...scope, userId: actor.userId, roundId: { $in: [...new Set(allocations.map((a) => String(a.roundId)))] } },
    { roundId: 1 },
  ).lean();
  const versionIds = allocations.map((a) => a.versionId);
  const [rounds, versions, reviewed, decided] = await Promise.all([
    PanelRound.find(
      { ...scope, _id: { $in: seats.map((x) => x.roundId) }, releasedAt: null },
      { name: 1, date: 1 },
    ).lean(),
    PortfolioVersion.find({ ...scope, _id: { $in: versionIds } }, { evidence: 0, narrativeHtml: 0 })
      .sort({ submittedAt: 1 })
      .lean<PortfolioVersionDoc[]>(),
    PanelReview.find(
      { ...scope, versionId: { $in: versionIds }, reviewerUserId: actor.userId },
      { versionId: 1 },
    ).lean(),
    PanelDecision.find({ ...scope, versionId: { $in: versionIds } }, { versionId: 1 }).lean(),
  ]);
  const roundOf = new Map(rounds.map((r) => [r._id.toString(), r]));
  const isReviewed = new Set(reviewed.map((r) => String(r.versionId)));
  const isDecided = new Set(decided.map((d) => String(d.versionId)));
  return (
    versions
      // A version that moved to another round since keeps no allocation from the old one.
      .filter(
        (v) =>
          roundOf.has(String(v.roundId)) &&
          allocations.some((a) => String(a.versionId) === v._id.toString() && String(a.roundId) === String(v.roundId)),
      )
      .filter((v) => !isDecided.has(v._id.toString()) && v.mentorUserId !== actor.userId)
      .map((v) => {
        const round = roundOf.get(String(v.roundId))!;
        return {
          versionId: v._id.toString(),
          number: v.number,
          qualificationCode: v.qualificationCode,
          mentor: { userId: v.mentorUserId, name: v.mentorName },
          round: { id: round._id.toString(), name: round.name, date: isoDay(round.date) },
          isReviewed: isReviewed.has(v._id.toString()),
        };
      })
      .sort((a, b) => Number(a.isReviewed) - Number(b.isReviewed))
  );
}
