import { Router } from "express";
import { recordsAsMarked } from "../../programme/moduleProgress";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { Member } from "../../models/member";
import { ModuleRecord, type ModuleRecordDoc } from "../../models/moduleRecord";
import { TrainingHoursEntry } from "../../models/trainingHoursEntry";
import { authorizeMentorList } from "../../policies/mentor";
import { courseScope } from "../../policies/scope";
import { academicYearOf } from "../../programme/funding";
import { programmeForCourse } from "../../programme/programmeForCourse";
import { presentMentorList } from "./presenter";

// A course is a partnership's cohort: a few hundred mentors at most, so one page is enough.
const MAX_MENTORS = 2000;

/**
 * /api/mentors — the mentors of the actor's course with their progress, for tutors and leads.
 * Each mentor's own pages use the existing endpoints with ?mentorUserId= (modules, audit, hours).
 */
export function mentorsRouter(): Router {
  const router = Router();

  router.get(
    "/",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeMentorList(actor);
      const scope = courseScope(actor);
      const academicYear = academicYearOf(new Date().toISOString().slice(0, 10));
      const [programme, members, records, hours] = await Promise.all([
        programmeForCourse(actor.tenantId, actor.contextId),
        Member.find({ ...scope, roles: "mentor", status: { $ne: "Deleted" } }, { userId: 1, name: 1, school: 1 }).sort({ name: 1 }).limit(MAX_MENTORS).lean(),
        ModuleRecord.find(scope).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
        TrainingHoursEntry.find({ ...scope, academicYear }, { mentorUserId: 1, hours: 1 }).lean(),
      ]);
      res.json(presentMentorList({ academicYear, modulesTotal: programme.definition.modules.length, members, records, hours }));
    }),
  );
  return router;
}
