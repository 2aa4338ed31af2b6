import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/**
 * Our roles, derived from LTI roles at launch (see server/src/lti/roles.ts). "leadMentor" is the
 * lead mentor who supervises other mentors (LTI's own Mentor role); "mentor" is LTI's Learner.
 */
export const ZRole = z.enum(["mentor", "tutor", "lead", "leadMentor"]);
export type TRole = z.infer<typeof ZRole>;

/**
 * The abilities the session sends, each an [action, subject] pair of the server's policies
 * (server/src/policies): the server answers each from its rules, the client asks by the pair
 * (`useCan("manage", "PanelRound")`). Only the five the client decides something by, plus the
 * six the API tests hold a launch to (test/lti/launch.test.ts, test/caseload/caseload.api.test.ts).
 */
export const sessionAbilities = {
  placeContent: ["placeContent", "Gradebook"],
  viewJobs: ["view", "Job"],
  manageRounds: ["manage", "PanelRound"],
  manageProgramme: ["manage", "Programme"],
  exportFundingClaims: ["exportClaims", "Funding"],
  buildPortfolio: ["edit", "Portfolio"],
  markModules: ["mark", "ModuleWork"],
  viewDashboard: ["view", "ProgrammeReports"],
  viewCaseload: ["read", "Caseload"],
  reviewPortfolios: ["judge", "PortfolioVersion"],
  workOnOwnModules: ["work", "ModuleWork"],
} as const;
export type TSessionAbility = keyof typeof sessionAbilities;
const sessionAbilityNames = Object.keys(sessionAbilities) as TSessionAbility[];
/** The [action, subject] pairs the client may ask useCan() about. */
export type TAbilityPair = (typeof sessionAbilities)[TSessionAbility];

/** What the client learns about who is signed in, returned by GET /api/session. */
export const ZSessionResponse = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
  /** The role the home page is chosen by: lead > tutor > lead mentor > mentor. */
  primaryRole: ZRole,
  roles: z.array(ZRole),
  context: z.object({ id: z.string(), title: z.string(), label: z.string().nullable() }),
  platform: z.object({ name: z.string(), isDevelopment: z.boolean() }),
  messageType: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]),
  /** Custom target chosen at deep linking, e.g. "module:M1" or "portfolio". */
  target: z.string().nullable(),
  /** The course-wide abilities the client decides what to show by (see sessionAbilities). */
  abilities: z.object(
    Object.fromEntries(sessionAbilityNames.map((name) => [name, z.boolean()])) as Record<TSessionAbility, z.ZodBoolean>,
  ),
});
export type TSessionResponse = z.infer<typeof ZSessionResponse>;

/** The shape of every error response body. */
export const ZErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

/** GET /api/session — who is signed in, their course and what they may do. */
export const sessionEndpoints = {
  read: defineEndpoint({ method: "GET", path: "/api/session", output: ZSessionResponse }),
};
