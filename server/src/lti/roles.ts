import type { TRole } from "../contracts/session";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
const SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

// LTI's own "Mentor" role is someone who oversees named users (role_scope_mentor): our lead mentor.
// Our word "mentor" is LTI's Learner, the school mentor on the programme.
const roleByLtiRole: Record<string, TRole> = {
  [`${MEMBERSHIP}Mentor`]: "leadMentor",
  "http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Mentor": "leadMentor",
  Mentor: "leadMentor",
  "urn:lti:role:ims/lis/Mentor": "leadMentor",
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

const precedence: TRole[] = ["lead", "tutor", "leadMentor", "mentor"];

/**
 * How a platform's registration marks programme leads beyond LMS administrators. Nothing here can
 * be set from a link: a teacher may add custom parameters to their own links in many LMSs.
 */
export interface LeadRoleRule {
  /** A role name or URI in the roles claim that makes the user a programme lead. */
  leadRole?: string | null;
  /**
   * The registration says custom parameters reach us only as the platform's administrator set
   * them, so `programme_role=lead` on a staff launch (or `programme_role=lead_mentor` on any
   * launch) may be honoured. Off unless set.
   */
  trustCustomRoleParameter?: boolean | null;
  /** Users (the LTI `sub`) the registration names as programme leads when they launch as staff. */
  leadUserIds?: readonly string[] | null;
}

/**
 * Maps the LTI roles claim to our roles. Programme lead comes from an Administrator role, the
 * registration's (or the deployment's) lead role, the registration's allow-list of users, or
 * the `programme_role=lead` custom parameter where the registration trusts custom parameters;
 * the last two promote staff only, never a learner. Lead mentor comes from LTI's Mentor role or,
 * where the registration trusts custom parameters, `programme_role=lead_mentor`: it only lets
 * someone read the work of the mentors assigned to them, so a learner may hold it. Returned in
 * precedence order, so `[0]` is the role whose home page the user lands on.
 */
export function mapLtiRoles(
  ltiRoles: string[],
  custom: Record<string, unknown> = {},
  rule: LeadRoleRule = {},
  userId?: string,
): TRole[] {
  const found = new Set<TRole>();
  for (const raw of ltiRoles) {
    const role = roleByLtiRole[raw.trim()];
    if (role) found.add(role);
    if (rule.leadRole && (raw === rule.leadRole || raw.endsWith(`#${rule.leadRole}`))) found.add("lead");
  }
  const isStaff = found.has("tutor") || found.has("lead");
  const isListed = userId !== undefined && (rule.leadUserIds ?? []).includes(userId);
  const customRole =
    rule.trustCustomRoleParameter === true
      ? String(custom.programme_role ?? "")
          .trim()
          .toLowerCase()
      : "";
  if (isStaff && (isListed || customRole === "lead")) found.add("lead");
  if (customRole === "lead_mentor") found.add("leadMentor");
  return precedence.filter((r) => found.has(r));
}
