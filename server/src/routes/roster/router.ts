import type { Router } from "express";
import type { AppDeps } from "../../appDeps";
import { rosterEndpoints } from "../../contracts/roster";
import { endpointRouter } from "../../http/endpoint";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { presentRosterMember } from "../../presenters/roster";
import { onBehalfOf } from "../../gradebook/platformErrors";
import { syncRoster } from "../../gradebook/rosterSync";
import { courseRoster } from "../../queries/courseRoster";

/** /api/roster — everyone in the course, including mentors who have never opened the tool. */
export function rosterRouter(deps: AppDeps): Router {
  const { router, implement } = endpointRouter("/api/roster");
  const ports = { lti: deps.lti };

  implement(rosterEndpoints.list, {
    policy: (actor) => authorize(actor, "viewRoster", "Gradebook"),
    handler: async ({ actor }) => {
      const { members, syncedAt } = await courseRoster(courseScope(actor));
      return { members: members.map(presentRosterMember), syncedAt: syncedAt?.toISOString() ?? null };
    },
  });

  implement(rosterEndpoints.sync, {
    policy: (actor) => authorize(actor, "syncRoster", "Gradebook"),
    handler: async ({ actor }) => {
      const { tenantId, contextId } = courseScope(actor);
      const result = await onBehalfOf(() => syncRoster(ports, tenantId, contextId));
      return { ...result, syncedAt: result.syncedAt.toISOString() };
    },
  });

  return router;
}
