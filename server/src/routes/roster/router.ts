import { Router } from "express";
import type { AppDeps } from "../../appDeps";
import type { TRosterResponse, TRosterSyncResponse } from "../../contracts/roster";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { Course } from "../../models/course";
import { Member } from "../../models/member";
import { authorize } from "../../policies/gradebook";
import { courseScope } from "../../policies/scope";
import { presentRosterMember } from "../../presenters/roster";
import { onBehalfOf } from "../../gradebook/platformErrors";
import { syncRoster } from "../../gradebook/rosterSync";

/** /api/roster — everyone in the course, including mentors who have never opened the tool. */
export function rosterRouter(deps: AppDeps): Router {
  const router = Router();
  const ports = { provider: deps.lti.provider };

  router.get(
    "/",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "viewRoster");
      const scope = courseScope(actor);
      const [members, course] = await Promise.all([
        Member.find(scope).sort({ name: 1 }).limit(5000).lean(),
        Course.findOne(scope, { rosterSyncedAt: 1 }).lean(),
      ]);
      const body: TRosterResponse = { members: members.map(presentRosterMember), syncedAt: course?.rosterSyncedAt?.toISOString() ?? null };
      res.json(body);
    }),
  );

  router.post(
    "/sync",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "syncRoster");
      const { tenantId, contextId } = courseScope(actor);
      const result = await onBehalfOf(() => syncRoster(ports, tenantId, contextId));
      const body: TRosterSyncResponse = { ...result, syncedAt: result.syncedAt.toISOString() };
      res.json(body);
    }),
  );

  return router;
}
