import { Router } from "express";
import { dashboardFor } from "../../commands/dashboardCounters";
import { ZDashboardQuery } from "../../contracts/dashboard";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { sendPrepared } from "../../http/preparedJson";
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
      const { fresh, ...query } = inputOf(req, parts).query;
      sendPrepared(res, await dashboardFor(courseScope(actor), query, { fresh: fresh === "true" }));
    }),
  );
  return router;
}
