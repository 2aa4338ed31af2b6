import type { NextFunction, Request, Response, Router } from "express";
import { dashboardFor } from "../../queries/dashboard";
import { dashboardEndpoints } from "../../contracts/dashboard";
import { endpointRouter } from "../../http/endpoint";
import { rememberReads } from "../../http/rememberReads";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { schoolFilter } from "../../queries/courseSchools";

/**
 * GET /api/dashboard — the programme lead's cohort figures for their course, with filters. Read
 * from the counters (one or two lookups); a lead's reread with no change in the course since is
 * served from memory (rememberReads: under 32 clients it answered about 10× more reads a second
 * than reading the counters each time); `fresh=true` recounts and is never remembered.
 */
export function dashboardRouter(): Router {
  const { router, implement } = endpointRouter("/api/dashboard");
  const remembered = rememberReads("course");
  // Before validation (middleware runs first): a query that is not valid is refused, and a refusal is never remembered.
  const unlessFresh = (req: Request, res: Response, next: NextFunction) =>
    req.query.fresh === "true" ? next() : remembered(req, res, next);

  implement(dashboardEndpoints.figures, {
    middleware: [unlessFresh],
    policy: (actor) => authorize(actor, "view", "ProgrammeReports"),
    handler: async ({ actor, res, input: { query } }) => {
      const { fresh, ...filters } = query;
      // Schools are picked from the course's list; "oakfield primary" reads as "Oakfield Primary".
      const school = await schoolFilter(courseScope(actor), filters.school);
      const dashboard = await dashboardFor(courseScope(actor), { ...filters, school }, { fresh: fresh === "true" });
      // Figures counted in memory for a course whose counters are not stored yet are not remembered.
      if (dashboard.isRefreshing) res.set("Cache-Control", "no-store");
      return dashboard;
    },
  });
  return router;
}
