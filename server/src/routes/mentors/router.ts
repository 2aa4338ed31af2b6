import { Router } from "express";
import { ZMentorListQuery } from "../../contracts/mentors";
import { recordsAsMarked } from "../../queries/moduleProgress";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { Member } from "../../models/member";
import { ModuleRecord, type ModuleRecordDoc } from "../../models/moduleRecord";
import { TrainingHoursEntry } from "../../models/trainingHoursEntry";
import { authorizeMentorList } from "../../policies/mentor";
import { courseScope } from "../../policies/scope";
import { schoolFilter, schoolsOfCourse } from "../../queries/courseSchools";
import { academicYearOf } from "../../programme/funding";
import { programmeForCourse } from "../../queries/programmeForCourse";
import { PanelRound } from "../../models/panelRound";
import { figuresOfCourse } from "./figuresOfCourse";
import { filterMentors, presentMentorList } from "./presenter";

// A course is a partnership's cohort: a few hundred mentors at most, so one page is enough.
const MAX_MENTORS = 2000;

/**
 * /api/mentors — the mentors of the actor's course with their progress, for tutors and leads,
 * filtered as the dashboard's figures link to them; /schools lists the course's schools.
 * Each mentor's own pages use the existing endpoints with ?mentorUserId= (modules, audit, hours).
 */
export function mentorsRouter(): Router {
  const router = Router();
  const parts = { query: ZMentorListQuery };

  router.get(
    "/",
    validate(parts),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeMentorList(actor);
      const scope = courseScope(actor);
      const { query } = inputOf(req, parts);
      const academicYear = academicYearOf(new Date().toISOString().slice(0, 10));
      const [programme, school, members, records, hours, hoursInYear] = await Promise.all([
        programmeForCourse(actor.tenantId, actor.contextId),
        schoolFilter(scope, query.school),
        Member.find({ ...scope, roles: "mentor", status: { $ne: "Deleted" } }, { userId: 1, name: 1, school: 1 }).sort({ name: 1 }).limit(MAX_MENTORS).lean(),
        ModuleRecord.find(scope).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
        TrainingHoursEntry.find({ ...scope, academicYear }, { mentorUserId: 1, hours: 1 }).lean(),
        query.hoursInYear ? TrainingHoursEntry.find({ ...scope, academicYear: query.hoursInYear }, { mentorUserId: 1, hours: 1 }).lean() : undefined,
      ]);
      // Filters by a dashboard figure count each mentor as the dashboard does (read only when asked).
      const byFigure = Boolean(query.hours || query.portfolioState || query.round || query.certificateIssued || query.certificateRevoked || query.credit);
      const [figures, round] = await Promise.all([
        byFigure ? figuresOfCourse({ scope, definition: programme.definition, members, records }) : undefined,
        query.round ? PanelRound.findOne({ ...scope, _id: query.round }, { name: 1 }).lean<{ _id: unknown; name: string }>() : undefined,
      ]);
      const filtered = filterMentors({ programme: programme.definition, query: { ...query, school }, members, records, hoursInYear, figures, round: round ? { id: String(round._id), name: round.name } : query.round ? null : undefined });
      res.json({
        ...presentMentorList({ academicYear, modulesTotal: programme.definition.modules.length, members: filtered.members, records, hours }),
        filteredBy: filtered.description,
      });
    }),
  );

  router.get(
    "/schools",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeMentorList(actor);
      res.json({ schools: await schoolsOfCourse(courseScope(actor)) });
    }),
  );
  return router;
}
