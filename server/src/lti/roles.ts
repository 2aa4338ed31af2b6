import type { TRole } from "../contracts/session";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
const SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

// LTI's own "Mentor" role means an observer (e.g. a parent), not our mentor: it maps to nothing.
const roleByLtiRole: Record<string, TRole> = {
  [`${MEMBERSHIP}Learner`]: "mentor",
  [`${MEMBERSHIP}Instructor`]: "tutor",
  [`${MEMBERSHIP}Instructor#TeachingAssistant`]: "tutor",
  "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant": "tutor",
  [`${MEMBERSHIP}Administrator`]: "lead",
  [`${INSTITUTION}Administrator`]: "lead",
  [`${SYSTEM}Administrator`]: "lead",
  // Short forms some platforms still send (LTI 1.3 §A.2.4 allows them for context roles).
  Learner: "mentor",
  Instructor: "tutor",
  TeachingAssistant: "tutor",
  Administrator: "lead",
  "urn:lti:role:ims/lis/Learner": "mentor",
  "urn:lti:role:ims/lis/Instructor": "tutor",
  "urn:lti:role:ims/lis/TeachingAssistant": "tutor",
  "urn:lti:role:ims/lis/Administrator": "lead",
  "urn:lti:instrole:ims/lis/Administrator": "lead",
};

const precedence: TRole[] = ["lead", "tutor", "mentor"];

/** How a platform marks programme leads who are not LMS administrators. */
export interface LeadRoleRule {
  /** A role name or URI in the roles claim that makes the user a programme lead. */
  leadRole: string;
}

/**
 * Maps the LTI roles claim (and the `programme_role` custom parameter) to our roles.
 * Returned in precedence order, so `[0]` is the role whose home page the user lands on.
 */
export function mapLtiRoles(ltiRoles: string[], custom: Record<string, unknown> = {}, rule?: LeadRoleRule): TRole[] {
  const found = new Set<TRole>();
  for (const raw of ltiRoles) {
    const role = roleByLtiRole[raw.trim()];
    if (role) found.add(role);
    if (rule && (raw === rule.leadRole || raw.endsWith(`#${rule.leadRole}`))) found.add("lead");
  }
  // A platform admin can mark a lead with a custom parameter (e.g. Canvas: programme_role=$Canvas.xxx or a fixed value).
  if (String(custom.programme_role ?? "").toLowerCase() === "lead" && (found.has("tutor") || found.has("lead"))) found.add("lead");
  return precedence.filter((r) => found.has(r));
}
