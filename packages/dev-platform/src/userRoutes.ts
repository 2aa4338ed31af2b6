import { Router, type Request } from "express";
import { PlatformError } from "./errors.js";
import { param } from "./launchRoutes.js";
import type { PlatformState } from "./state.js";
import { ROLE } from "./vocabulary.js";

/** The roles a person trying the tool can give a new user, as the home page's form names them. */
export const ADDABLE_ROLES = {
  mentor: { label: "Mentor (LTI Learner)", roles: [ROLE.learner] },
  leadMentor: { label: "Lead mentor (LTI Mentor)", roles: [ROLE.mentor] },
  tutor: { label: "Tutor (LTI Instructor)", roles: [ROLE.instructor] },
  lead: { label: "Programme lead (LTI Administrator)", roles: [ROLE.administrator, ROLE.instructor] },
} as const;
type AddableRole = keyof typeof ADDABLE_ROLES;

const refuse = (message: string) => new PlatformError(400, "invalid_request", message, "html");

function listParam(req: Request, name: string): string[] {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string" && v !== "");
}

/** POST /users: adds a person to a course from the home page's form, then shows the page again. */
export function userRoutes(state: PlatformState): Router {
  const router = Router();
  let added = 0;
  router.post("/users", (req, res) => {
    const name = param(req, "name")?.trim();
    const courseId = param(req, "course");
    const role = param(req, "role") as AddableRole | undefined;
    if (!name) throw refuse("Name: enter the new person's name.");
    if (name.length > 100) throw refuse("Name: use at most 100 characters.");
    if (!courseId || !state.directory.course(courseId)) throw refuse("Course: choose a course.");
    if (!role || !(role in ADDABLE_ROLES)) throw refuse("Role: choose a role.");
    const school = param(req, "school")?.trim().slice(0, 100);
    added += 1;
    const id = `added-${added}-${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 30) || "user"
    }`;
    const [givenName, ...rest] = name.split(/\s+/);
    state.directory.addUser({
      id,
      name,
      givenName,
      familyName: rest.join(" ") || undefined,
      ...(school ? { school } : {}),
    });
    const mentees = role === "leadMentor" ? listParam(req, "mentees") : [];
    state.directory.enrol(
      courseId,
      id,
      [...ADDABLE_ROLES[role].roles],
      role === "leadMentor" ? { roleScopeMentor: mentees } : {},
    );
    res.redirect(303, `./?added=${encodeURIComponent(id)}`);
  });
  return router;
}
