import type { Router } from "express";
import { mentorsEndpoints } from "../../contracts/mentors";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { schoolsOfCourse } from "../../queries/courseSchools";
import { mentorListData } from "../../queries/mentorList";
import { filterMentors, presentMentorList } from "./presenter";

const mayList = (actor: Actor) => authorize(actor, "list", "Mentor");

/**
 * /api/mentors — the mentors of the actor's course with their progress, for tutors and leads,
 * filtered as the dashboard's figures link to them; /schools lists the course's schools.
 * Each mentor's own pages use the existing endpoints with ?mentorUserId= (modules, audit, hours).
 */
export function mentorsRouter(): Router {
  const { router, implement } = endpointRouter("/api/mentors");

  implement(mentorsEndpoints.list, {
    policy: mayList,
    handler: async ({ actor, input: { query } }) => {
      const { academicYear, programme, school, members, records, hours, hoursInYear, figures, round } =
        await mentorListData(courseScope(actor), query);
      const filtered = filterMentors({
        programme: programme.definition,
        query: { ...query, school },
        members,
        records,
        hoursInYear,
        figures,
        round,
      });
      return {
        ...presentMentorList({
          academicYear,
          modulesTotal: programme.definition.modules.length,
          members: filtered.members,
          records,
          hours,
        }),
        filteredBy: filtered.description,
      };
    },
  });

  implement(mentorsEndpoints.schools, {
    policy: mayList,
    handler: async ({ actor }) => ({ schools: await schoolsOfCourse(courseScope(actor)) }),
  });
  return router;
}
