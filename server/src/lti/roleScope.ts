import type { Request } from "express";
import { decodeJwt } from "jose";
import { z } from "zod";

/** The LTI claim listing the users a launching Mentor (our lead mentor) mentors. */
export const ROLE_SCOPE_MENTOR_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor";

const ZRoleScope = z.array(z.string().trim().min(1).max(255)).max(5000);

/**
 * The user ids in the launch's role_scope_mentor claim, or null when the platform sent none (or
 * sent something that is not a list of ids). ltijs leaves this claim out of the token it hands us,
 * so it is read from the id_token in the launch body, which ltijs has verified by the time the
 * launch handler runs.
 */
export function roleScopeMentorOf(req: Request): string[] | null {
  const idToken = (req.body as { id_token?: unknown } | undefined)?.id_token;
  if (typeof idToken !== "string") return null;
  try {
    const parsed = ZRoleScope.safeParse(decodeJwt(idToken)[ROLE_SCOPE_MENTOR_CLAIM]);
    return parsed.success ? [...new Set(parsed.data)] : null;
  } catch {
    return null;
  }
}
