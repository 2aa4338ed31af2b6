import type { Router } from "express";
import { supportEndpoints } from "../../contracts/support";
import { notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { assignSchoolSupport, assignSupport } from "../../commands/assignSupport";
import { mentorGlances } from "../../queries/caseloadReads";
import { nextStepsFor } from "../../queries/nextSteps";
import { supportOfMentor, supportOfMentors } from "../../queries/supportReads";
import { isCourseMentor, nextStepFacts, peopleOfCourse, supportDirectory } from "../../queries/supportDirectory";
import { schoolFilter } from "../../queries/courseSchools";
import { programmeInForce } from "../../queries/programmeInForce";

type Person = { userId: string; name: string; email?: string | null };
const personOf = (m: Person | undefined) => (m ? { id: m.userId, name: m.name, email: m.email ?? null } : null);

const assigns = (actor: Actor) => authorize(actor, "assign", "SupportAssignment");

/**
 * /api/support — who supports each mentor: lead mentor, link tutor and their school's
 * coordinating mentor. Programme leads assign them (by mentor, or by school as a rule that reaches
 * mentors who join later); a mentor sees their own, with the next panel round and what is
 * expected of them next.
 */
export function supportRouter(): Router {
  const { router, implement } = endpointRouter("/api/support");
  const e = supportEndpoints;

  implement(e.list, {
    policy: assigns,
    handler: async ({ actor }) => {
      const course = courseScope(actor);
      const { members, rules } = await supportDirectory(course);
      const byId = new Map(members.map((m) => [m.userId, m]));
      // Someone no longer on the roster is still shown, by their id.
      const person = (id: string | null | undefined) =>
        id ? (personOf(byId.get(id)) ?? { id, name: id, email: null }) : null;
      const mentors = members.filter((m) => m.roles.includes("mentor"));
      const supports = await supportOfMentors(
        course,
        mentors.map((m) => m.userId),
      );
      return {
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
        schoolAssignments: rules.map((r) => ({
          school: r.school,
          leadMentor: person(r.leadMentorUserId),
          linkTutor: person(r.linkTutorUserId),
          coordinatingMentor: person(r.coordinatingMentorUserId),
        })),
        leadMentors: members.filter((m) => m.roles.includes("leadMentor")).map((m) => personOf(m)!),
        tutors: members.filter((m) => m.roles.includes("tutor") || m.roles.includes("lead")).map((m) => personOf(m)!),
        schoolPeople: members
          .filter((m) => m.school && (m.roles.includes("mentor") || m.roles.includes("leadMentor")))
          .map((m) => ({ ...personOf(m)!, school: m.school! })),
        schools: [...new Set(mentors.map((m) => m.school).filter((s): s is string => !!s))].sort(),
      };
    },
  });

  implement(e.assign, {
    policy: async (actor, { params }) => {
      assigns(actor);
      if (!(await isCourseMentor(courseScope(actor), params.mentorUserId))) throw notFound("That mentor");
    },
    handler: async ({ actor, input: { params, body } }) => {
      const mentorsUpdated = await assignSupport({
        course: courseScope(actor),
        mentorUserIds: [params.mentorUserId],
        leadMentorUserId: body.leadMentorUserId,
        linkTutorUserId: body.linkTutorUserId,
        by: actor.userId,
      });
      return { mentorsUpdated };
    },
  });

  implement(e.assignSchool, {
    policy: assigns,
    handler: async ({ actor, input: { body } }) => {
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
      return { mentorsUpdated };
    },
  });

  implement(e.mine, {
    policy: (actor) => {
      authorize(actor, "viewOwn", "SupportAssignment");
    },
    handler: async ({ actor }) => {
      const course = courseScope(actor);
      const today = new Date(new Date().toISOString().slice(0, 10));
      const [support, [glance], { definition }, { records, nextRound, sheets }] = await Promise.all([
        supportOfMentor(course, actor.userId),
        mentorGlances(course, [actor.userId]),
        programmeInForce(course.tenantId, course.contextId),
        nextStepFacts(course, actor.userId, today),
      ]);
      const ids = [support.leadMentorUserId, support.linkTutorUserId, support.coordinatingMentorUserId].filter(
        (id): id is string => !!id,
      );
      const byId = new Map((await peopleOfCourse(course, ids)).map((p) => [p.userId, p]));
      const person = (id: string | null) => (id ? personOf(byId.get(id)) : null);
      return {
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
      };
    },
  });

  return router;
}
