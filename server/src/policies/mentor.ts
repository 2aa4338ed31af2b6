import { allow, refuse } from "./cancan";
import { isStaff } from "./scope";

declare module "./cancan" {
  interface PolicyRegistry {
    /** The course's mentors with their progress. */
    Mentor: { subject: never; action: "list" };
  }
}

// The course's tutors and leads list its mentors; a mentor asking is refused (403): the page
// exists, it is just not theirs to use.
allow(isStaff, "list", "Mentor");
refuse("Mentor", "list", "Only tutors and programme leads can see the mentors on this course.");
