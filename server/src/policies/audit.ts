import { allow, conceal, refuse } from "./cancan";
import { ownWork } from "./ownWork";
import { isMentor, isStaff } from "./scope";

export interface AuditSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}
export type AuditAction = "view" | "rate";

declare module "./cancan" {
  interface PolicyRegistry {
    Audit: { subject: AuditSubject; action: AuditAction };
  }
}

// An audit is the mentor's own self-assessment: they rate it; the course's staff may read it.
allow("mentor", ["view", "rate"], "Audit", ownWork);
allow(isStaff, "view", "Audit");

// Someone else's audit one may not read is not found; rating another's is refused.
conceal("Audit", "That audit", "view");
refuse("Audit", "rate", (actor) =>
  isMentor(actor) ? "Only the mentor can rate their own confidence." : "Only mentors take the mentor audit.",
);
