import type { Actor } from "../lti/sessionToken";
import { courseScope, keepsOwnWork } from "./scope";

/**
 * Evidence is the mentor's own working material: only its author sees or changes it (a lead
 * mentor keeps their own too, for QLMS). Others read it through policies/mentorWork.ts.
 */
export function ownEvidenceScope(actor: Actor): { tenantId: string; contextId: string; mentorUserId: string } | null {
  return keepsOwnWork(actor) ? { ...courseScope(actor), mentorUserId: actor.userId } : null;
}
