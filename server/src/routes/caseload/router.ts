import type { Router } from "express";
import { caseloadEndpoints } from "../../contracts/caseload";
import { endpointRouter } from "../../http/endpoint";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { mentorGlances } from "../../queries/caseloadReads";
import { mentorsSupportedBy } from "../../queries/supportReads";

/** /api/caseload — the mentors assigned to the signed-in lead mentor in this course, and only those. */
export function caseloadRouter(): Router {
  const { router, implement } = endpointRouter("/api/caseload");
  implement(caseloadEndpoints.caseload, {
    policy: (actor) => authorize(actor, "read", "Caseload"),
    handler: async ({ actor }) => {
      const course = courseScope(actor);
      // Assigned one by one (by the LMS or a programme lead) or through their school's assignment.
      const assigned = await mentorsSupportedBy(course, actor.userId, "leadMentor");
      return { mentors: await mentorGlances(course, assigned) };
    },
  });
  return router;
}
