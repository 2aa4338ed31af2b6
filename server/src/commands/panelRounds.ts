import type { TRoundCreate, TRoundUpdate } from "../contracts/panel";
import { conflict, invalidFields } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Member } from "../models/member";
import { PanelDecision } from "../models/panelReview";
import { PanelMember } from "../models/panelMember";
import { PanelRound, type PanelRoundDoc } from "../models/panelRound";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { courseScope } from "../policies/scope";
import { refreshMentorFigures } from "./adjustDashboardCounters";

const startOfToday = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

/** The open round meeting soonest (today or later) in a course, if any. A released round takes no more portfolios: their outcomes could never be released. */
export async function nextOpenRound(scope: { tenantId: string; contextId: string }): Promise<PanelRoundDoc | null> {
  return PanelRound.findOne({ ...scope, status: "open", releasedAt: null, date: { $gte: startOfToday() } })
    .sort({ date: 1, createdAt: 1 })
    .lean<PanelRoundDoc>();
}

/** Places a submitted version in the next open round; it waits if there is none. */
export async function joinNextOpenRound(version: PortfolioVersionDoc): Promise<PortfolioVersionDoc> {
  if (version.roundId) return version;
  const round = await nextOpenRound({ tenantId: version.tenantId, contextId: version.contextId });
  if (!round) return version;
  // Only a version still waiting moves: of racing requests one places it, the rest read where.
  const moved = await PortfolioVersion.findOneAndUpdate(
    { _id: version._id, roundId: null },
    { $set: { roundId: round._id } },
    { new: true },
  ).lean<PortfolioVersionDoc>();
  return moved ?? ((await PortfolioVersion.findById(version._id).lean<PortfolioVersionDoc>()) as PortfolioVersionDoc);
}

/** Versions that wait for a round (none open when submitted, no outcome yet) join one now. */
async function placeWaitingVersions(scope: { tenantId: string; contextId: string }): Promise<void> {
  const waiting = await PortfolioVersion.find({ ...scope, roundId: null }, { evidence: 0 }).lean<
    PortfolioVersionDoc[]
  >();
  const decided = new Set(
    (await PanelDecision.find({ versionId: { $in: waiting.map((w) => w._id) } }, { versionId: 1 }).lean()).map((d) =>
      String(d.versionId),
    ),
  );
  for (const version of waiting)
    if (!decided.has(version._id.toString()))
      await joinNextOpenRound(version).then(() =>
        refreshMentorFigures({ course: version, mentorUserId: version.mentorUserId }),
      );
}

/** Panel members must be tutors or leads of this course (by user id, from the course's members). */
async function checkMembers(actor: Actor, userIds: string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  const staff = await Member.find(
    { ...courseScope(actor), userId: { $in: unique }, status: "Active", roles: { $in: ["tutor", "lead"] } },
    { userId: 1 },
  ).lean();
  const known = new Set(staff.map((s) => s.userId));
  const problems = userIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !known.has(id))
    .map(({ id, i }) => ({
      field: `body.memberUserIds.${i}`,
      message: `"${id}" is not a tutor or lead on this course`,
    }));
  if (problems.length > 0) throw invalidFields(problems);
  return unique;
}

async function setMembers(actor: Actor, roundId: unknown, userIds: string[]): Promise<void> {
  const current = await PanelMember.find({ roundId }, { userId: 1 }).lean();
  const wanted = new Set(userIds);
  const gone = current.filter((m) => !wanted.has(m.userId)).map((m) => m._id);
  if (gone.length > 0) await PanelMember.deleteMany({ _id: { $in: gone } });
  const have = new Set(current.map((m) => m.userId));
  for (const userId of userIds.filter((u) => !have.has(u))) {
    await PanelMember.updateOne(
      { roundId, userId },
      { $setOnInsert: { ...courseScope(actor), roundId, userId, addedBy: actor.userId } },
      { upsert: true },
    );
  }
}

/** A programme lead creates a round with its members; waiting portfolios join it if it is next. */
export async function createPanelRound(p: { actor: Actor; input: TRoundCreate }): Promise<PanelRoundDoc> {
  const members = await checkMembers(p.actor, p.input.memberUserIds);
  const round = await PanelRound.create({
    ...courseScope(p.actor),
    name: p.input.name,
    date: new Date(`${p.input.date}T00:00:00Z`),
    createdBy: p.actor.userId,
  });
  await setMembers(p.actor, round._id, members);
  await placeWaitingVersions(courseScope(p.actor));
  return round.toObject() as PanelRoundDoc;
}

/** Renames, re-dates, opens or closes a round, or changes its members. */
export async function updatePanelRound(p: { actor: Actor; round: PanelRoundDoc; input: TRoundUpdate }): Promise<void> {
  const { input } = p;
  const members = input.memberUserIds ? await checkMembers(p.actor, input.memberUserIds) : null;
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.date !== undefined) set.date = new Date(`${input.date}T00:00:00Z`);
  if (input.status !== undefined) set.status = input.status;
  const updated = await PanelRound.findOneAndUpdate(
    { _id: p.round._id, version: input.expectedVersion },
    { $set: set, $inc: { version: 1 } },
  );
  if (!updated)
    throw conflict("This round was changed somewhere else since you opened it. Reload it and make your change again.");
  if (members) await setMembers(p.actor, p.round._id, members);
  await placeWaitingVersions(courseScope(p.actor));
}
