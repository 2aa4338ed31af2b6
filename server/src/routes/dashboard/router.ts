import { Router } from "express";
import { cohortDashboard } from "../../commands/cohortDashboard";
import { ZDashboardQuery } from "../../contracts/dashboard";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { authorizeProgrammeReports } from "../../policies/credit";
import { courseScope } from "../../policies/scope";

/** GET /api/dashboard — the programme lead's cohort figures for their course, with filters. */
export function dashboardRouter(): Router {
  const router = Router();
  const parts = { query: ZDashboardQuery };
  router.get(
    "/",
    validate(parts),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeProgrammeReports(actor);
      res.json(await cohortDashboard(courseScope(actor), inputOf(req, parts).query));
    }),
  );
  return router;
}
