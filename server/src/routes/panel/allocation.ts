import { Router, type Request } from "express";
import { ZAllocationChange, ZAllocationParams, ZAllocationResult, ZMyAllocation, ZRoundAllocation } from "../../contracts/allocation";
import { ZRoundParams } from "../../contracts/panel";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { PanelRoundDoc } from "../../models/panelRound";
import { canManageRounds } from "../../policies/panel";
import { allocateByHand, allocateRound } from "../../commands/allocatePortfolios";
import { loadAllocationState, myAllocation, presentAllocation } from "../../queries/allocationReads";

/**
 * /api/panel — allocation of a round's portfolios to its reviewers (issue #14 item 4): the lead
 * reads and runs it, or changes one portfolio's reviewer; a reviewer reads what is theirs.
 * `loadRound` is the panel router's: a round the actor may not see is a 404.
 */
export function allocationRouter(loadRound: (req: Request, roundId: string) => Promise<PanelRoundDoc>): Router {
  const router = Router();
  const refuseUnlessLead = (req: Request) => {
    if (!canManageRounds(actorOf(req))) throw forbidden("Only the programme lead allocates portfolios to reviewers.");
  };

  router.get("/allocated", handle(async (req, res) => {
    res.json(ZMyAllocation.parse({ portfolios: await myAllocation(actorOf(req)) }));
  }));

  const one = { params: ZRoundParams };
  router.get("/rounds/:roundId/allocation", validate(one), handle(async (req, res) => {
    const round = await loadRound(req, inputOf(req, one).params.roundId);
    refuseUnlessLead(req);
    res.json(ZRoundAllocation.parse(presentAllocation(await loadAllocationState(round))));
  }));

  router.post("/rounds/:roundId/allocation", validate(one), handle(async (req, res) => {
    const round = await loadRound(req, inputOf(req, one).params.roundId);
    refuseUnlessLead(req);
    const allocated = await allocateRound({ actor: actorOf(req), round });
    res.json(ZAllocationResult.parse({ ...presentAllocation(await loadAllocationState(round)), allocated }));
  }));

  const change = { params: ZAllocationParams, body: ZAllocationChange };
  router.put("/rounds/:roundId/allocation/:versionId", validate(change), handle(async (req, res) => {
    const { params, body } = inputOf(req, change);
    const round = await loadRound(req, params.roundId);
    refuseUnlessLead(req);
    await allocateByHand({ actor: actorOf(req), round, versionId: params.versionId, reviewerUserId: body.reviewerUserId });
    res.json(ZRoundAllocation.parse(presentAllocation(await loadAllocationState(round))));
  }));

  return router;
}
