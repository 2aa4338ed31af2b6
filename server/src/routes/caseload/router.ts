import { Router } from "express";
import { ZCaseload } from "../../contracts/caseload";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { MentorSupport } from "../../models/mentorSupport";
import { caseloadFilter } from "../../policies/mentorWork";
import { courseScope } from "../../policies/scope";
import { mentorGlances } from "../../commands/caseloadReads";

/** /api/caseload — the mentors assigned to the signed-in lead mentor in this course, and only those. */
export function caseloadRouter(): Router {
  const router = Router();
  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    const filter = caseloadFilter(actor);
    if (!filter) throw forbidden("Only lead mentors have a caseload.");
    const assigned = await MentorSupport.find(filter, { mentorUserId: 1 }).lean();
    res.json(ZCaseload.parse({ mentors: await mentorGlances(courseScope(actor), assigned.map((a) => a.mentorUserId)) }));
  }));
  return router;
}
