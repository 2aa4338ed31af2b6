import { notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { PanelRound, type PanelRoundDoc } from "../models/panelRound";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { can } from "../policies";
import { roundsSatOn } from "../policies/portfolio";
import { courseScope } from "../policies/scope";
import { programmeInForce } from "./programmeInForce";
import { reviewersRequired } from "../programme/moderation";
import { statusesOf } from "./portfolioReads";

/** Rounds the actor may see: all of the course's for a lead, else the ones they sit on. */
async function visibleRoundsFilter(actor: Actor) {
  if (can(actor, "manage", "PanelRound")) return courseScope(actor);
  return { ...courseScope(actor), _id: { $in: await roundsSatOn(actor) } };
}

/** The rounds the actor may see, by date. */
export async function listVisibleRounds(actor: Actor): Promise<PanelRoundDoc[]> {
  return PanelRound.find(await visibleRoundsFilter(actor))
    .sort({ date: 1, createdAt: 1 })
    .lean<PanelRoundDoc[]>();
}

/** A round the actor may see, or 404 (a round they may not see is not found, not forbidden). */
export async function loadVisibleRound(actor: Actor, roundId: string): Promise<PanelRoundDoc> {
  // $and, not a spread: the visibility filter may itself constrain _id.
  const round = await PanelRound.findOne({
    $and: [await visibleRoundsFilter(actor), { _id: roundId }],
  }).lean<PanelRoundDoc>();
  if (!round) throw notFound("That panel round");
  return round;
}

/** The course's active tutors and leads, who may sit on a panel, by name. */
export async function panelCandidates(actor: Actor): Promise<Array<{ userId: string; name: string; roles: string[] }>> {
  const people = await Member.find(
    { ...courseScope(actor), status: "Active", roles: { $in: ["tutor", "lead"] } },
    { userId: 1, name: 1, roles: 1 },
  )
    .sort({ name: 1 })
    .lean();
  return people.map((p) => ({ userId: p.userId, name: p.name, roles: p.roles }));
}

/** The portfolio versions placed in a round, in the order they were submitted (without their frozen evidence). */
async function versionsInRound(actor: Actor, round: PanelRoundDoc): Promise<PortfolioVersionDoc[]> {
  return PortfolioVersion.find({ ...courseScope(actor), roundId: round._id }, { evidence: 0 })
    .sort({ submittedAt: 1 })
    .lean<PortfolioVersionDoc[]>();
}

/** A round's portfolio versions with the status each has for those who run the round (unreleased outcomes shown). */
export async function roundPortfolios(actor: Actor, round: PanelRoundDoc) {
  const versions = await versionsInRound(actor, round);
  const { definition: programme } = await programmeInForce(round.tenantId, round.contextId);
  const statuses = await statusesOf(round, versions, { ...reviewersRequired(programme), showUnreleased: true });
  return { versions, statuses };
}
