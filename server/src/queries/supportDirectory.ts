import { Member } from "../models/member";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { PanelRound } from "../models/panelRound";
import { RecordSheet } from "../models/recordSheet";
import { SchoolSupport, type SchoolSupportDoc } from "../models/schoolSupport";
import { recordsAsMarked } from "./moduleProgress";

type Course = { tenantId: string; contextId: string };

/** The most members a support page lists. */
const MAX_MEMBERS = 5000;

/** The course's people by name (who can be chosen and who is supported) and each school's assignment. */
export async function supportDirectory(course: Course) {
  const [members, rules] = await Promise.all([
    Member.find({ ...course, status: { $ne: "Deleted" } }, { userId: 1, name: 1, email: 1, school: 1, roles: 1 })
      .sort({ name: 1 })
      .limit(MAX_MEMBERS)
      .lean(),
    SchoolSupport.find(course).sort({ school: 1 }).lean<SchoolSupportDoc[]>(),
  ]);
  return { members, rules };
}

/** Whether the user is a mentor of the course. */
export async function isCourseMentor(course: Course, userId: string): Promise<boolean> {
  return !!(await Member.exists({ ...course, userId, roles: "mentor" }));
}

/** Names and e-mail addresses of the course's people with these ids. */
export function peopleOfCourse(course: Course, userIds: string[]) {
  return Member.find({ ...course, userId: { $in: userIds } }, { userId: 1, name: 1, email: 1 }).lean();
}

/** What a mentor's next steps are worked out from: their module records as marked, the next open round, their record sheets. */
export async function nextStepFacts(course: Course, mentorUserId: string, today: Date) {
  const [records, nextRound, sheets] = await Promise.all([
    ModuleRecord.find({ ...course, mentorUserId })
      .lean<ModuleRecordDoc[]>()
      .then(recordsAsMarked),
    PanelRound.findOne({ ...course, status: "open", date: { $gte: today } })
      .sort({ date: 1 })
      .lean(),
    RecordSheet.find({ ...course, mentorUserId }, { qualificationCode: 1, status: 1 }).lean(),
  ]);
  return { records, nextRound, sheets };
}
