import { Router, type Request } from "express";
import {
  ZDecisionRecord,
  ZJudgementsSave,
  ZPanelCandidates,
  ZPanelVersionParams,
  ZReviewRecord,
  ZRoundCreate,
  ZRoundDetail,
  ZRoundList,
  ZRoundParams,
  ZRoundUpdate,
  ZRoundRelease,
  ZModerationQueue,
} from "../../contracts/panel";
import { forbidden, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { Member } from "../../models/member";
import { PanelRound, type PanelRoundDoc } from "../../models/panelRound";
import { PortfolioVersion, type PortfolioVersionDoc } from "../../models/portfolioVersion";
import { authorizeDeciding, canManageRounds } from "../../policies/panel";
import { roundsSatOn } from "../../policies/portfolio";
import { courseScope } from "../../policies/scope";
import { createPanelRound, updatePanelRound } from "../../commands/panelRounds";
import { portfolioProgramme } from "../../queries/portfolioProgramme";
import { loadPortfolioVersion, programmeOfVersion, statusesOf, reviewersRequired } from "../../queries/portfolioReads";
import { recordLeadDecision } from "../../commands/recordPanelDecision";
import { releaseRound, releaseState } from "../../commands/releaseRound";
import { moderationQueue } from "../../queries/moderationQueue";
import { recordPanelReview, saveJudgements } from "../../commands/recordPanelReview";
import { presentRounds } from "../../presenters/panel";
import { presentVersion, presentVersionSummary, roundsById } from "../../presenters/portfolio";
import { loadVisibleVersion } from "../portfolios/load";
import { allocationRouter } from "./allocation";

/** Rounds the actor may see: all of the course's for a lead, else the ones they sit on. */
async function visibleRoundsFilter(req: Request) {
  const actor = actorOf(req);
  if (canManageRounds(actor)) return courseScope(actor);
  return { ...courseScope(actor), _id: { $in: await roundsSatOn(actor) } };
}

async function loadRound(req: Request, roundId: string): Promise<PanelRoundDoc> {
  // $and, not a spread: the visibility filter may itself constrain _id.
  const round = await PanelRound.findOne({ $and: [await visibleRoundsFilter(req), { _id: roundId }] }).lean<PanelRoundDoc>();
  if (!round) throw notFound("That panel round");
  return round;
}

/** The version with what the viewer may see, after a judging action. */
async function respondWithVersion(req: Request, version: PortfolioVersionDoc) {
  return presentVersion(actorOf(req), await loadPortfolioVersion({ ...version, versionId: version._id.toString() }));
}

/** /api/panel — panel rounds (leads manage them), and judging submitted portfolio versions. */
export function panelRouter(): Router {
  const router = Router();

  router.get("/rounds", handle(async (req, res) => {
    const rounds = await PanelRound.find(await visibleRoundsFilter(req)).sort({ date: 1, createdAt: 1 }).lean<PanelRoundDoc[]>();
    res.json(ZRoundList.parse({ rounds: await presentRounds(rounds), canManage: canManageRounds(actorOf(req)) }));
  }));

  router.get("/candidates", handle(async (req, res) => {
    const actor = actorOf(req);
    if (!canManageRounds(actor)) throw forbidden("Only the programme lead chooses panel members.");
    const people = await Member.find({ ...courseScope(actor), status: "Active", roles: { $in: ["tutor", "lead"] } }, { userId: 1, name: 1, roles: 1 }).sort({ name: 1 }).lean();
    res.json(ZPanelCandidates.parse({ people: people.map((p) => ({ userId: p.userId, name: p.name, roles: p.roles })) }));
  }));

  const create = { body: ZRoundCreate };
  router.post("/rounds", validate(create), handle(async (req, res) => {
    const actor = actorOf(req);
    if (!canManageRounds(actor)) throw forbidden("Only the programme lead creates panel rounds.");
    const round = await createPanelRound({ actor, input: inputOf(req, create).body });
    res.status(201).json((await presentRounds([round]))[0]);
  }));

  const one = { params: ZRoundParams };
  router.get("/rounds/:roundId", validate(one), handle(async (req, res) => {
    const round = await loadRound(req, inputOf(req, one).params.roundId);
    const versions = await PortfolioVersion.find({ ...courseScope(actorOf(req)), roundId: round._id }, { evidence: 0 }).sort({ submittedAt: 1 }).lean<PortfolioVersionDoc[]>();
    const { definition: programme } = await portfolioProgramme(round.tenantId, round.contextId);
    const statuses = await statusesOf(round, versions, { ...reviewersRequired(programme), showUnreleased: true });
    const rounds = await roundsById([round._id]);
    const [presented] = await presentRounds([round]);
    res.json(ZRoundDetail.parse({ ...presented, portfolios: versions.map((v) => presentVersionSummary(v, statuses.get(v._id.toString())!, rounds)), release: await releaseState(round) }));
  }));

  const release = { params: ZRoundParams, body: ZRoundRelease };
  router.post("/rounds/:roundId/release", validate(release), handle(async (req, res) => {
    const { params, body } = inputOf(req, release);
    const round = await loadRound(req, params.roundId);
    const actor = actorOf(req);
    if (!canManageRounds(actor)) throw forbidden("Only the programme lead releases a round's outcomes.");
    await releaseRound({ actor, round, expectedVersion: body.expectedVersion });
    res.json({ release: await releaseState(await loadRound(req, params.roundId)) });
  }));

  router.get("/moderation", handle(async (req, res) => {
    const actor = actorOf(req);
    if (!canManageRounds(actor)) throw forbidden("Only the programme lead moderates panel outcomes.");
    res.json(ZModerationQueue.parse({ items: await moderationQueue(actor) }));
  }));

  router.use(allocationRouter(loadRound));

  const update = { params: ZRoundParams, body: ZRoundUpdate };
  router.patch("/rounds/:roundId", validate(update), handle(async (req, res) => {
    const { params, body } = inputOf(req, update);
    const round = await loadRound(req, params.roundId);
    const actor = actorOf(req);
    if (!canManageRounds(actor)) throw forbidden("Only the programme lead changes panel rounds.");
    await updatePanelRound({ actor, round, input: body });
    res.json((await presentRounds([await loadRound(req, params.roundId)]))[0]);
  }));

  const version = { params: ZPanelVersionParams };
  router.get("/versions/:versionId", validate(version), handle(async (req, res) => {
    res.json(await respondWithVersion(req, await loadVisibleVersion(req, inputOf(req, version).params)));
  }));

  const judgements = { params: ZPanelVersionParams, body: ZJudgementsSave };
  router.put("/versions/:versionId/judgements", validate(judgements), handle(async (req, res) => {
    const { params, body } = inputOf(req, judgements);
    const found = await loadVisibleVersion(req, params);
    await saveJudgements({ actor: actorOf(req), version: found, input: body, programme: await programmeOfVersion(found) });
    res.json(await respondWithVersion(req, found));
  }));

  const review = { params: ZPanelVersionParams, body: ZReviewRecord };
  router.post("/versions/:versionId/review", validate(review), handle(async (req, res) => {
    const { params, body } = inputOf(req, review);
    const found = await loadVisibleVersion(req, params);
    await recordPanelReview({ actor: actorOf(req), version: found, input: body, programme: await programmeOfVersion(found) });
    res.status(201).json(await respondWithVersion(req, found));
  }));

  const decision = { params: ZPanelVersionParams, body: ZDecisionRecord };
  router.post("/versions/:versionId/decision", validate(decision), handle(async (req, res) => {
    const { params, body } = inputOf(req, decision);
    const found = await loadVisibleVersion(req, params);
    authorizeDeciding(actorOf(req), found);
    await recordLeadDecision({ actor: actorOf(req), version: found, input: body, programme: await programmeOfVersion(found) });
    res.status(201).json(await respondWithVersion(req, found));
  }));

  return router;
}
