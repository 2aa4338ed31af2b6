import { Router } from "express";
import { ZCaseload } from "../../contracts/caseload";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { caseloadFilter } from "../../policies/mentorWork";
import { courseScope } from "../../policies/scope";
import { mentorGlances } from "../../queries/caseloadReads";
import { mentorsSupportedBy } from "../../queries/supportReads";

/** /api/caseload — the mentors assigned to the signed-in lead mentor in this course, and only those. */
export function caseloadRouter(): Router {
  const router = Router();
  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    const filter = caseloadFilter(actor);
    if (!filter) throw forbidden("Only lead mentors have a caseload.");
    const course = courseScope(actor);
    // Assigned one by one (by the LMS or a programme lead) or through their school's assignment.
    const assigned = await mentorsSupportedBy(course, filter.leadMentorUserId, "leadMentor");
    res.json(ZCaseload.parse({ mentors: await mentorGlances(course, assigned) }));
  }));
  return router;
}
