import type { TMentorListQuery } from "../contracts/mentors";
import { Member } from "../models/member";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { PanelRound } from "../models/panelRound";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import { academicYearOf } from "../programme/funding";
import { schoolFilter } from "./courseSchools";
import { figuresOfCourse } from "./figuresOfCourse";
import { recordsAsMarked } from "./moduleProgress";
import { programmeInForce } from "./programmeInForce";

// A course is a partnership's cohort: a few hundred mentors at most, so one page is enough.
const MAX_MENTORS = 2000;

/**
 * What the mentors list is made from: the course's mentors (not deleted) by name, their module
 * records as marked, this academic year's hours, and what the filters need (the school as the
 * course names it, hours in another year, each mentor's dashboard figures, the round named).
 */
export async function mentorListData(scope: { tenantId: string; contextId: string }, query: TMentorListQuery) {
  const academicYear = academicYearOf(new Date().toISOString().slice(0, 10));
  const [programme, school, members, records, hours, hoursInYear] = await Promise.all([
    programmeInForce(scope.tenantId, scope.contextId),
    schoolFilter(scope, query.school),
    Member.find({ ...scope, roles: "mentor", status: { $ne: "Deleted" } }, { userId: 1, name: 1, school: 1 })
      .sort({ name: 1 })
      .limit(MAX_MENTORS)
      .lean(),
    ModuleRecord.find(scope).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
    TrainingHoursEntry.find({ ...scope, academicYear }, { mentorUserId: 1, hours: 1 }).lean(),
    query.hoursInYear
      ? TrainingHoursEntry.find({ ...scope, academicYear: query.hoursInYear }, { mentorUserId: 1, hours: 1 }).lean()
      : undefined,
  ]);
  // Filters by a dashboard figure count each mentor as the dashboard does (read only when asked).
  const byFigure = Boolean(
    query.hours ||
    query.portfolioState ||
    query.round ||
    query.certificateIssued ||
    query.certificateRevoked ||
    query.credit,
  );
  const [figures, round] = await Promise.all([
    byFigure ? figuresOfCourse({ scope, definition: programme.definition, members, records }) : undefined,
    query.round
      ? PanelRound.findOne({ ...scope, _id: query.round }, { name: 1 }).lean<{ _id: unknown; name: string }>()
      : undefined,
  ]);
  return {
    academicYear,
    programme,
    school,
    members,
    records,
    hours,
    hoursInYear,
    figures,
    round: round ? { id: String(round._id), name: round.name } : query.round ? null : undefined,
  };
}
