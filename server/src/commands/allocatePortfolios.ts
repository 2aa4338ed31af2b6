import { Types } from "mongoose";
import { conflict, forbidden, invalidField, isDuplicateKeyError, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { PanelAllocation, type PanelAllocationDoc } from "../models/panelAllocation";
import type { PanelRoundDoc } from "../models/panelRound";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import { allowedReviewers, planAllocation, refusalFor } from "../panel/allocationPlan";
import { courseScope } from "../policies/scope";
import { loadAllocationState, lockedReason, toAllocate, type RoundAllocationState } from "../queries/allocationReads";
import { appendDecision, type DecisionEvent } from "./decisionRecord";

/**
 * Writes one allocation change: a single insert or conditional update of the version's
 * allocation that also carries the decision-record entry it owes (who allocated which portfolio
 * to whom, from whom), then appends that entry and clears it. A crash in between leaves the
 * entry for `sweepPendingAllocationEntries`; a change racing another on the same version is a 409.
 */
async function writeAllocation(p: {
  actor: Actor;
  state: RoundAllocationState;
  version: PortfolioVersionDoc;
  reviewerUserId: string;
  isSameSchool: boolean;
  how: string;
}): Promise<void> {
  const versionId = p.version._id.toString();
  const existing = p.state.allocations.get(versionId) ?? null;
  // An entry an earlier change still owes goes first, so the record keeps every change in order.
  if (existing?.pendingEntry) await appendPendingEntry(existing._id, existing.pendingEntry as DecisionEvent);
  const nameOf = (userId: string) =>
    p.state.reviewers.find((r) => r.userId === userId)?.name ?? p.state.names.get(userId) ?? userId;
  const _id = existing?._id ?? new Types.ObjectId();
  const changes = (existing?.changes ?? 0) + 1;
  const allocatedAt = new Date();
  const pendingEntry: DecisionEvent = {
    tenantId: p.version.tenantId,
    contextId: p.version.contextId,
    kind: "allocation",
    actor: { userId: p.actor.userId, name: p.actor.name, roles: p.actor.roles },
    subject: `version:${versionId}`,
    mentorUserId: p.version.mentorUserId,
    roundId: String(p.state.round._id),
    before: existing ? `allocated to ${nameOf(existing.reviewerUserId)} (${existing.reviewerUserId})` : "not allocated",
    after: `allocated to ${nameOf(p.reviewerUserId)} (${p.reviewerUserId})${p.isSameSchool ? ", from the mentor's own school: no other reviewer on the round" : ""}`,
    reason: p.how,
    at: allocatedAt,
    eventKey: `panel-allocation:${_id.toString()}:${changes}`,
  };
  const fields = {
    reviewerUserId: p.reviewerUserId,
    isSameSchool: p.isSameSchool,
    allocatedBy: p.actor.userId,
    allocatedByName: p.actor.name,
    allocatedAt,
    changes,
    pendingEntry,
  };
  const busy = () =>
    conflict(
      `The allocation of ${p.version.mentorName}'s portfolio was changed somewhere else since you opened it. Reload the allocation and make your change again.`,
    );
  if (existing) {
    const updated = await PanelAllocation.updateOne(
      { _id, changes: existing.changes },
      { $set: { ...fields, roundId: p.state.round._id } },
    );
    if (updated.matchedCount === 0) throw busy();
  } else {
    try {
      await PanelAllocation.create({
        _id,
        tenantId: p.version.tenantId,
        contextId: p.version.contextId,
        roundId: p.state.round._id,
        versionId: p.version._id,
        mentorUserId: p.version.mentorUserId,
        ...fields,
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw busy();
      throw err;
    }
  }
  await appendPendingEntry(_id, pendingEntry);
}

/** Appends the entry an allocation change owes (once: its event key) and clears it. */
async function appendPendingEntry(allocationId: unknown, entry: DecisionEvent): Promise<void> {
  await appendDecision({ ...entry, at: new Date(entry.at ?? Date.now()) });
  await PanelAllocation.updateOne(
    { _id: allocationId, "pendingEntry.eventKey": entry.eventKey },
    { $set: { pendingEntry: null } },
  );
}

/**
 * Appends the decision-record entries allocation changes still owe because their server stopped
 * in between (run by the panel-follow-ups job); changes younger than `graceMs` are left to their
 * own request. Returns how many it looked at.
 */
export async function sweepPendingAllocationEntries(graceMs = 60_000): Promise<number> {
  const pending = await PanelAllocation.find({
    pendingEntry: { $ne: null },
    allocatedAt: { $lt: new Date(Date.now() - graceMs) },
  })
    .sort({ allocatedAt: 1 })
    .limit(100)
    .lean<PanelAllocationDoc[]>();
  for (const allocation of pending) await appendPendingEntry(allocation._id, allocation.pendingEntry as DecisionEvent);
  return pending.length;
}

/**
 * The programme lead's "Allocate": every version in the round without a reviewer (or whose
 * reviewer no longer may take it: they left the round) goes to a reviewer under the rules, counts
 * balanced; allocations still within the rules stay as they are, so the lead's changes by hand
 * survive. Portfolios that join the round after an allocation are allocated when the lead runs it
 * again (the round page counts them as not yet allocated; until then any member may review them):
 * allocating is the lead's act, recorded as theirs, so it is not done behind their back on
 * submission. The lead's own portfolio, if any, is left for another lead. Returns how many changed.
 */
export async function allocateRound(p: { actor: Actor; round: PanelRoundDoc }): Promise<number> {
  if (p.round.releasedAt)
    throw conflict("This round's outcomes have been released: its portfolios are no longer allocated.");
  const state = await loadAllocationState(p.round);
  const kept: Array<{ versionId: string; reviewerUserId: string }> = [];
  const toPlace = [];
  for (const v of state.versions) {
    const id = v._id.toString();
    const allocation = state.allocations.get(id);
    const reviewer = allocation && state.reviewers.find((r) => r.userId === allocation.reviewerUserId);
    const isLocked = lockedReason(state, id) !== null;
    if (allocation && (isLocked || (reviewer && refusalFor(toAllocate(state, v), reviewer, state.reviewers) === null)))
      kept.push({ versionId: id, reviewerUserId: allocation.reviewerUserId });
    else if (!isLocked && v.mentorUserId !== p.actor.userId) toPlace.push(toAllocate(state, v));
  }
  const plan = planAllocation({ reviewers: state.reviewers, kept, toPlace });
  for (const v of state.versions) {
    const planned = plan.get(v._id.toString());
    if (planned)
      await writeAllocation({
        actor: p.actor,
        state,
        version: v,
        ...planned,
        how: "automatic allocation by the programme lead",
      });
  }
  return plan.size;
}

function refuseReviewer(message: string): never {
  // Named by path here; the error middleware turns it into the form's label ("Reviewer").
  throw invalidField("body.reviewerUserId", message);
}

/**
 * The programme lead allocates one version to a reviewer by hand: the same rules as the automatic
 * allocation (never the mentor, never their school while another reviewer may take it). Once the
 * allocated reviewer has recorded their review, or the version has its outcome, it stays.
 */
export async function allocateByHand(p: {
  actor: Actor;
  round: PanelRoundDoc;
  versionId: string;
  reviewerUserId: string;
}): Promise<void> {
  if (p.round.releasedAt)
    throw conflict("This round's outcomes have been released: its portfolios are no longer allocated.");
  const state = await loadAllocationState(p.round);
  const version = state.versions.find((v) => v._id.toString() === p.versionId);
  if (!version) throw notFound("That portfolio in this round");
  if (version.mentorUserId === p.actor.userId)
    throw forbidden("You cannot allocate your own portfolio. Another programme lead must do it.");
  const locked = lockedReason(state, p.versionId);
  if (locked) throw conflict(`The allocation of ${version.mentorName}'s portfolio can no longer change: ${locked}`);
  const portfolio = toAllocate(state, version);
  if (p.reviewerUserId === version.mentorUserId)
    refuseReviewer(`${version.mentorName} is this portfolio's mentor, and nobody reviews their own portfolio`);
  const reviewer = state.reviewers.find((r) => r.userId === p.reviewerUserId);
  if (!reviewer) {
    const person = await Member.findOne({ ...courseScope(p.actor), userId: p.reviewerUserId }, { name: 1 }).lean();
    if (!person)
      refuseReviewer(`"${p.reviewerUserId}" is not anyone on this course: choose one of the round's members`);
    refuseReviewer(
      `${person.name} is not on this round's panel: add them to the round first, or choose one of its members`,
    );
  }
  const refusal = refusalFor(portfolio, reviewer, state.reviewers);
  if (refusal) refuseReviewer(refusal);
  if (state.allocations.get(p.versionId)?.reviewerUserId === reviewer.userId) return; // no change, nothing to record
  // Past the rules, a same-school reviewer means nobody from another school could take it: flagged.
  const { isSameSchool } = allowedReviewers(portfolio, state.reviewers);
  await writeAllocation({
    actor: p.actor,
    state,
    version,
    reviewerUserId: reviewer.userId,
    isSameSchool,
    how: "allocated by hand by the programme lead",
  });
}
