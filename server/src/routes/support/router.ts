import { Router } from "express";
import { ZMentorParams, ZMySupport, ZSupportAssign, ZSupportAssignSchool, ZSupportAssigned, ZSupportList } from "../../contracts/caseload";
import { forbidden, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { Member } from "../../models/member";
import { SchoolSupport, type SchoolSupportDoc } from "../../models/schoolSupport";
import { ModuleRecord, type ModuleRecordDoc } from "../../models/moduleRecord";
import { PanelRound } from "../../models/panelRound";
import { RecordSheet } from "../../models/recordSheet";
import { authorizeAssignSupport } from "../../policies/mentorWork";
import { courseScope, isMentor } from "../../policies/scope";
import { assignSchoolSupport, assignSupport } from "../../commands/assignSupport";
import { mentorGlances } from "../../queries/caseloadReads";
import { nextStepsFor } from "../../queries/nextSteps";
import { supportOfMentor, supportOfMentors } from "../../queries/supportReads";
import { schoolFilter } from "../../queries/courseSchools";
import { recordsAsMarked } from "../../queries/moduleProgress";
import { programmeForCourse } from "../../queries/programmeForCourse";

const MAX_MEMBERS = 5000;
type Person = { userId: string; name: string; email?: string | null };
const personOf = (m: Person | undefined) => (m ? { id: m.userId, name: m.name, email: m.email ?? null } : null);

/**
 * /api/support — who supports each mentor: lead mentor, link tutor and their school's
 * coordinating mentor. Programme leads assign them (by mentor, or by school as a rule that reaches
 * mentors who join later); a mentor sees their own, with the next panel round and what is
 * expected of them next.
 */
export function supportRouter(): Router {
  const router = Router();

  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeAssignSupport(actor);
    const course = courseScope(actor);
    const [members, rules] = await Promise.all([
      Member.find({ ...course, status: { $ne: "Deleted" } }, { userId: 1, name: 1, email: 1, school: 1, roles: 1 }).sort({ name: 1 }).limit(MAX_MEMBERS).lean(),
      SchoolSupport.find(course).sort({ school: 1 }).lean<SchoolSupportDoc[]>(),
    ]);
    const byId = new Map(members.map((m) => [m.userId, m]));
    // Someone no longer on the roster is still shown, by their id.
    const person = (id: string | null | undefined) => (id ? personOf(byId.get(id)) ?? { id, name: id, email: null } : null);
    const mentors = members.filter((m) => m.roles.includes("mentor"));
    const supports = await supportOfMentors(course, mentors.map((m) => m.userId));
    res.json(
      ZSupportList.parse({
        mentors: mentors.map((m) => {
          const s = supports.get(m.userId)!;
          return {
            id: m.userId,
            name: m.name,
            school: m.school ?? null,
            leadMentor: person(s.leadMentorUserId),
            leadMentorSource: s.leadMentorSource,
            linkTutor: person(s.linkTutorUserId),
            linkTutorSource: s.linkTutorSource,
            coordinatingMentor: person(s.coordinatingMentorUserId),
          };
        }),
        schoolAssignments: rules.map((r) => ({ school: r.school, leadMentor: person(r.leadMentorUserId), linkTutor: person(r.linkTutorUserId), coordinatingMentor: person(r.coordinatingMentorUserId) })),
        leadMentors: members.filter((m) => m.roles.includes("leadMentor")).map((m) => personOf(m)),
        tutors: members.filter((m) => m.roles.includes("tutor") || m.roles.includes("lead")).map((m) => personOf(m)),
        schoolPeople: members
          .filter((m) => m.school && (m.roles.includes("mentor") || m.roles.includes("leadMentor")))
          .map((m) => ({ ...personOf(m)!, school: m.school! })),
        schools: [...new Set(mentors.map((m) => m.school).filter((s): s is string => !!s))].sort(),
      }),
    );
  }));

  const one = { params: ZMentorParams, body: ZSupportAssign };
  router.put("/mentors/:mentorUserId", validate(one), handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeAssignSupport(actor);
    const { params, body } = inputOf(req, one);
    const course = courseScope(actor);
    if (!(await Member.exists({ ...course, userId: params.mentorUserId, roles: "mentor" }))) throw notFound("That mentor");
    const mentorsUpdated = await assignSupport({ course, mentorUserIds: [params.mentorUserId], leadMentorUserId: body.leadMentorUserId, linkTutorUserId: body.linkTutorUserId, by: actor.userId });
    res.json(ZSupportAssigned.parse({ mentorsUpdated }));
  }));

  const school = { body: ZSupportAssignSchool };
  router.post("/schools", validate(school), handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeAssignSupport(actor);
    const { body } = inputOf(req, school);
    const course = courseScope(actor);
    // The course's own spelling of the school; one no mentor is at is a 400 naming the field.
    const spelled = (await schoolFilter(course, body.school, "body.school"))!;
    const mentorsUpdated = await assignSchoolSupport({
      course,
      school: spelled,
      leadMentorUserId: body.leadMentorUserId,
      linkTutorUserId: body.linkTutorUserId,
      coordinatingMentorUserId: body.coordinatingMentorUserId,
      by: actor.userId,
    });
    res.json(ZSupportAssigned.parse({ mentorsUpdated }));
  }));

  router.get("/mine", handle(async (req, res) => {
    const actor = actorOf(req);
    if (!isMentor(actor)) throw forbidden("Only mentors have a lead mentor and link tutor.");
    const course = courseScope(actor);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const [support, [glance], { definition }, records, nextRound, sheets] = await Promise.all([
      supportOfMentor(course, actor.userId),
      mentorGlances(course, [actor.userId]),
      programmeForCourse(course.tenantId, course.contextId),
      ModuleRecord.find({ ...course, mentorUserId: actor.userId }).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
      PanelRound.findOne({ ...course, status: "open", date: { $gte: today } }).sort({ date: 1 }).lean(),
      RecordSheet.find({ ...course, mentorUserId: actor.userId }, { qualificationCode: 1, status: 1 }).lean(),
    ]);
    const ids = [support.leadMentorUserId, support.linkTutorUserId, support.coordinatingMentorUserId].filter((id): id is string => !!id);
    const people = await Member.find({ ...course, userId: { $in: ids } }, { userId: 1, name: 1, email: 1 }).lean();
    const byId = new Map(people.map((p) => [p.userId, p]));
    const person = (id: string | null) => (id ? personOf(byId.get(id)) : null);
    res.json(
      ZMySupport.parse({
        leadMentor: person(support.leadMentorUserId),
        linkTutor: person(support.linkTutorUserId),
        coordinatingMentor: person(support.coordinatingMentorUserId),
        nextRound: nextRound ? { name: nextRound.name, date: nextRound.date.toISOString().slice(0, 10) } : null,
        nextSteps: glance
          ? nextStepsFor(definition, glance, {
              passedModules: new Set(records.filter((r) => r.passed).map((r) => r.moduleCode)),
              submittedModules: new Set(records.filter((r) => r.status === "submitted").map((r) => r.moduleCode)),
              nextRound,
              recordSheets: new Map(sheets.map((sheet) => [sheet.qualificationCode, sheet.status ?? "draft"])),
            })
          : [],
      }),
    );
  }));

  return router;
}

