import { Router } from "express";
import { ZAuditRatingsCreate, ZAuditStageParams } from "../../contracts/audit";
import { ZPathwayQuery } from "../../contracts/modules";
import { completeAuditStage, rateAudit } from "../../commands/rateAudit";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { authorizeAudit } from "../../policies/audit";
import { courseScope, isMentor } from "../../policies/scope";
import { presentAudit } from "../../presenters/audit";
import { loadAuditState } from "../../programme/auditState";
import { mentorInCourse } from "../../queries/mentorInCourse";
import { programmeForCourse } from "../../queries/programmeForCourse";

async function auditScope(actor: Actor, action: "view" | "rate", mentorUserId?: string) {
  if (action === "rate" && !isMentor(actor)) throw forbidden("Only mentors take the mentor audit.");
  const mentor = await mentorInCourse(actor, mentorUserId);
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  authorizeAudit(actor, action, scope);
  return { ...scope, mentor };
}

async function auditResponse({ mentor, ...scope }: Awaited<ReturnType<typeof auditScope>>) {
  const [programme, state] = await Promise.all([programmeForCourse(scope.tenantId, scope.contextId), loadAuditState(scope)]);
  return { ...presentAudit(programme, state), mentor: { id: mentor.id, name: mentor.name } };
}

/** /api/audit — the mentor's self-assessment against the standards; staff may read a mentor's (?mentorUserId=). */
export function auditRouter(): Router {
  const router = Router();

  router.get(
    "/",
    validate({ query: ZPathwayQuery }),
    handle(async (req, res) => {
      const { query } = inputOf(req, { query: ZPathwayQuery });
      res.json(await auditResponse(await auditScope(actorOf(req), "view", query.mentorUserId)));
    }),
  );

  router.post(
    "/ratings",
    validate({ body: ZAuditRatingsCreate }),
    handle(async (req, res) => {
      const { body } = inputOf(req, { body: ZAuditRatingsCreate });
      const scope = await auditScope(actorOf(req), "rate");
      await rateAudit({ tenantId: scope.tenantId, contextId: scope.contextId, mentorUserId: scope.mentorUserId, ratings: body.ratings });
      res.status(201).json(await auditResponse(scope));
    }),
  );

  router.post(
    "/stages/:stage/complete",
    validate({ params: ZAuditStageParams }),
    handle(async (req, res) => {
      const { params } = inputOf(req, { params: ZAuditStageParams });
      const scope = await auditScope(actorOf(req), "rate");
      await completeAuditStage({ tenantId: scope.tenantId, contextId: scope.contextId, mentorUserId: scope.mentorUserId, stage: params.stage });
      res.json(await auditResponse(scope));
    }),
  );
  return router;
}
