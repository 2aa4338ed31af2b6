import { z } from "zod";

/**
 * Our roles, derived from LTI roles at launch (see server/src/lti/roles.ts). "leadMentor" is the
 * lead mentor who supervises other mentors (LTI's own Mentor role); "mentor" is LTI's Learner.
 */
export const ZRole = z.enum(["mentor", "tutor", "lead", "leadMentor"]);
export type TRole = z.infer<typeof ZRole>;

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
  abilities: z.record(z.string(), z.boolean()),
});
export type TSessionResponse = z.infer<typeof ZSessionResponse>;

/** The shape of every error response body. */
export const ZErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;
