import { allow, forbid, refuse } from "./cancan";
import { isOwnWork, ownWorkRefusals, type OwnedSubject } from "./ownWork";
import { isStaff } from "./scope";

/** What can be done with the course gradebook connection: staff only. */
export type GradebookAction =
  "viewDelivery" | "retryDelivery" | "syncLineItems" | "readResults" | "viewRoster" | "syncRoster" | "placeContent";

declare module "./cancan" {
  interface PolicyRegistry {
    /** The course's gradebook connection; a subject is the mark whose delivery is retried. */
    Gradebook: { subject: OwnedSubject; action: GradebookAction };
  }
}

allow(
  isStaff,
  ["viewDelivery", "retryDelivery", "syncLineItems", "readResults", "viewRoster", "syncRoster"],
  "Gradebook",
);
// Content is placed only from the VLE's deep-linking request, never from a normal launch.
allow((actor) => isStaff(actor) && actor.messageType === "LtiDeepLinkingRequest", "placeContent", "Gradebook");
// A mark's delivery is never retried by its own mentor.
forbid(isStaff, "retryDelivery", "Gradebook", isOwnWork, ownWorkRefusals.release);

refuse(
  "Gradebook",
  "placeContent",
  "Placing content is only possible when you add Mentor Pathways to a course from the VLE.",
);
refuse(
  "Gradebook",
  ["viewDelivery", "retryDelivery", "syncLineItems", "readResults", "viewRoster", "syncRoster"],
  "Only tutors and programme leads can do that.",
);
