import type { Router } from "express";
import { auditEndpoints } from "../../contracts/audit";
import { completeAuditStage, rateAudit } from "../../commands/rateAudit";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { presentAudit } from "../../presenters/audit";
import { loadAuditState } from "../../queries/loadAuditState";
import { programmeInForce } from "../../queries/programmeInForce";
import { mentorInCourse } from "../../queries/mentorInCourse";

async function auditScope(actor: Actor, action: "view" | "rate", mentorUserId?: string) {
  // Asked first, before looking the mentor up: someone who is no mentor has no audit to rate.
  if (action === "rate") authorize(actor, "rate", "Audit");
  const mentor = await mentorInCourse(actor, mentorUserId);
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  authorize(actor, action, "Audit", scope);
  return { ...scope, mentor };
}

async function auditResponse({ mentor, ...scope }: Awaited<ReturnType<typeof auditScope>>) {
  const [programme, state] = await Promise.all([
    programmeInForce(scope.tenantId, scope.contextId),
    loadAuditState(scope),
  ]);
  return { ...presentAudit(programme, state), mentor: { id: mentor.id, name: mentor.name } };
}

/** /api/audit — the mentor's self-assessment against the standards; staff may read a mentor's (?mentorUserId=). */
export function auditRouter(): Router {
  const { router, implement } = endpointRouter("/api/audit");

  implement(auditEndpoints.read, {
    policy: (actor, { query }) => auditScope(actor, "view", query.mentorUserId),
    handler: ({ allowed }) => auditResponse(allowed),
  });

  implement(auditEndpoints.rate, {
    policy: (actor) => auditScope(actor, "rate"),
    handler: async ({ allowed: scope, input: { body } }) => {
      await rateAudit({
        tenantId: scope.tenantId,
        contextId: scope.contextId,
        mentorUserId: scope.mentorUserId,
        ratings: body.ratings,
      });
      return auditResponse(scope);
    },
  });

  implement(auditEndpoints.completeStage, {
    policy: (actor) => auditScope(actor, "rate"),
    handler: async ({ allowed: scope, input: { params } }) => {
      await completeAuditStage({
        tenantId: scope.tenantId,
        contextId: scope.contextId,
        mentorUserId: scope.mentorUserId,
        stage: params.stage,
      });
      return auditResponse(scope);
    },
  });
  return router;
}
