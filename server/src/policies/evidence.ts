import type { Actor } from "../lti/sessionToken";
import { courseScope, isMentor } from "./scope";

/**
 * Evidence is the mentor's own working material: only its author sees or changes it. Staff see
 * evidence only as frozen into a submitted version (policies/portfolio.ts).
 */
export function ownEvidenceScope(actor: Actor): { tenantId: string; contextId: string; mentorUserId: string } | null {
  return isMentor(actor) ? { ...courseScope(actor), mentorUserId: actor.userId } : null;
}
