import { Router } from "express";
import { ZMentorParams, ZMySupport, ZSupportAssign, ZSupportAssignSchool, ZSupportAssigned, ZSupportList } from "../../contracts/caseload";
import { forbidden, invalidInput, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { Member } from "../../models/member";
import { MentorSupport } from "../../models/mentorSupport";
import { ModuleRecord, type ModuleRecordDoc } from "../../models/moduleRecord";
import { PanelRound } from "../../models/panelRound";
import { authorizeAssignSupport } from "../../policies/mentorWork";
import { courseScope, isMentor } from "../../policies/scope";
import { assignSupport } from "../../commands/assignSupport";
import { mentorGlances } from "../../commands/caseloadReads";
import { nextStepsFor } from "../../commands/nextSteps";
import { recordsAsMarked } from "../../programme/moduleProgress";
import { programmeForCourse } from "../../programme/programmeForCourse";

const MAX_MEMBERS = 5000;
type Person = { userId: string; name: string; email?: string | null };
const personOf = (m: Person | undefined) => (m ? { id: m.userId, name: m.name, email: m.email ?? null } : null);

/**
 * /api/support — who supports each mentor: lead mentor and link tutor. Programme leads assign
 * them (by mentor or by school); a mentor sees their own, with the next panel round and what is
 * expected of them next.
 */
export function supportRouter(): Router {
  const router = Router();

  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeAssignSupport(actor);
    const course = courseScope(actor);
    const [members, supports] = await Promise.all([
      Member.find({ ...course, status: { $ne: "Deleted" } }, { userId: 1, name: 1, email: 1, school: 1, roles: 1 }).sort({ name: 1 }).limit(MAX_MEMBERS).lean(),
      MentorSupport.find(course).lean(),
    ]);
    const byId = new Map(members.map((m) => [m.userId, m]));
    const supportOf = new Map(supports.map((s) => [s.mentorUserId, s]));
    const mentors = members.filter((m) => m.roles.includes("mentor"));
    res.json(
      ZSupportList.parse({
        mentors: mentors.map((m) => {
          const s = supportOf.get(m.userId);
          return {
            id: m.userId,
            name: m.name,
            school: m.school ?? null,
            leadMentor: s?.leadMentorUserId ? personOf(byId.get(s.leadMentorUserId)) ?? { id: s.leadMentorUserId, name: s.leadMentorUserId, email: null } : null,
            leadMentorSource: s?.leadMentorUserId ? s.leadMentorSource : null,
            linkTutor: s?.linkTutorUserId ? personOf(byId.get(s.linkTutorUserId)) ?? { id: s.linkTutorUserId, name: s.linkTutorUserId, email: null } : null,
          };
        }),
        leadMentors: members.filter((m) => m.roles.includes("leadMentor")).map((m) => personOf(m)),
        tutors: members.filter((m) => m.roles.includes("tutor") || m.roles.includes("lead")).map((m) => personOf(m)),
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
    const mentors = await Member.find({ ...course, school: body.school, roles: "mentor", status: { $ne: "Deleted" } }, { userId: 1 }).lean();
    if (mentors.length === 0) throw invalidSchool();
    const mentorsUpdated = await assignSupport({ course, mentorUserIds: mentors.map((m) => m.userId), leadMentorUserId: body.leadMentorUserId, linkTutorUserId: body.linkTutorUserId, by: actor.userId });
    res.json(ZSupportAssigned.parse({ mentorsUpdated }));
  }));

  router.get("/mine", handle(async (req, res) => {
    const actor = actorOf(req);
    if (!isMentor(actor)) throw forbidden("Only mentors have a lead mentor and link tutor.");
    const course = courseScope(actor);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const [support, [glance], { definition }, records, nextRound] = await Promise.all([
      MentorSupport.findOne({ ...course, mentorUserId: actor.userId }).lean(),
      mentorGlances(course, [actor.userId]),
      programmeForCourse(course.tenantId, course.contextId),
      ModuleRecord.find({ ...course, mentorUserId: actor.userId }).lean<ModuleRecordDoc[]>().then(recordsAsMarked),
      PanelRound.findOne({ ...course, status: "open", date: { $gte: today } }).sort({ date: 1 }).lean(),
    ]);
    const people = await Member.find({ ...course, userId: { $in: [support?.leadMentorUserId, support?.linkTutorUserId].filter((id): id is string => !!id) } }, { userId: 1, name: 1, email: 1 }).lean();
    const byId = new Map(people.map((p) => [p.userId, p]));
    res.json(
      ZMySupport.parse({
        leadMentor: support?.leadMentorUserId ? personOf(byId.get(support.leadMentorUserId)) : null,
        linkTutor: support?.linkTutorUserId ? personOf(byId.get(support.linkTutorUserId)) : null,
        nextRound: nextRound ? { name: nextRound.name, date: nextRound.date.toISOString().slice(0, 10) } : null,
        nextSteps: glance
          ? nextStepsFor(definition, glance, {
              passedModules: new Set(records.filter((r) => r.passed).map((r) => r.moduleCode)),
              submittedModules: new Set(records.filter((r) => r.status === "submitted").map((r) => r.moduleCode)),
              nextRound,
            })
          : [],
      }),
    );
  }));

  return router;
}

function invalidSchool() {
  const message = "has no mentors on this course";
  return invalidInput(`School: ${message}.`, { fields: [{ field: "body.school", label: "School", message }] });
}
