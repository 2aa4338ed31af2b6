import { Router } from "express";
import { notFound } from "./errors.js";
import { paginate } from "./paging.js";
import type { PlatformState } from "./state.js";
import { MEDIA, roleName, SCOPE } from "./vocabulary.js";

/** NRPS 2.0: the course roster, paged, for tools to learn of members who never launched. */
export function nrpsRoutes(state: PlatformState): Router {
  const router = Router();

  router.get(
    "/api/courses/:courseId/memberships",
    state.faults.guard("memberships"),
    state.accessTokens.require([SCOPE.membershipReadonly]),
    (req, res) => {
      const course = state.directory.course(req.params.courseId);
      if (!course) throw notFound(`No course "${req.params.courseId}"`);
      // The spec lets `role` be a full URI or its short name, e.g. "Learner".
      const role = typeof req.query.role === "string" ? req.query.role : undefined;
      const members = state.directory
        .members(course.id)
        .filter(({ roles }) => !role || roles.some((r) => r === role || roleName(r) === role))
        .map(({ user, roles }) => ({
          status: "Active",
          user_id: user.id,
          name: user.name,
          ...(user.givenName ? { given_name: user.givenName } : {}),
          ...(user.familyName ? { family_name: user.familyName } : {}),
          ...(user.email ? { email: user.email } : {}),
          // NRPS 2.0 carries the student-record id as lis_person_sourcedid (the launch's LIS claim).
          ...(user.sourcedId ? { lis_person_sourcedid: user.sourcedId } : {}),
          roles,
        }));
      const url = state.urls.memberships(course.id);
      const { page, link } = paginate(members, req, url, state.pageSize);
      if (link) res.set("Link", link);
      res.type(MEDIA.membershipContainer).json({
        id: url + (req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : ""),
        context: { id: course.id, ...(course.label ? { label: course.label } : {}), title: course.title },
        members: page,
      });
    },
  );

  return router;
}
