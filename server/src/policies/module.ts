import { allow, conceal, forbid, refuse } from "./cancan";
import { isOwnWork, ownWork, ownWorkRefusals } from "./ownWork";
import { isMentor, isStaff } from "./scope";

/** Module work as policies see it: whose it is and where. */
export interface ModuleWorkSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}
export type ModuleAction = "view" | "work" | "mark" | "list";

declare module "./cancan" {
  interface PolicyRegistry {
    ModuleWork: { subject: ModuleWorkSubject; action: ModuleAction };
  }
}

// Mentors see and work on their own; tutors and leads see, list and mark all work in the courses they teach.
allow("mentor", ["view", "work"], "ModuleWork", ownWork);
allow(isStaff, ["view", "mark", "list"], "ModuleWork");
// Nobody marks their own work, even a tutor who is also enrolled as a mentor.
forbid(isStaff, "mark", "ModuleWork", isOwnWork, ownWorkRefusals.mark);

conceal("ModuleWork", "That module work", "view");
refuse("ModuleWork", "mark", "Only the course's tutors can mark module work.");
refuse("ModuleWork", "work", (actor) =>
  isMentor(actor) ? "Only the mentor can work on their own modules." : "Only mentors work on modules.",
);
refuse("ModuleWork", "list", "Only tutors and programme leads can see the marking list.");
