import { allow, conceal, refuse } from "./cancan";
import { ownWork } from "./ownWork";
import { isStaff } from "./scope";

export interface ProfileSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}
export type ProfileAction = "view" | "edit";

declare module "./cancan" {
  interface PolicyRegistry {
    /** A mentor's details for the claim (TRN, school URN, date of birth). */
    Profile: { subject: ProfileSubject; action: ProfileAction };
  }
}

// The mentor sees and edits their own; tutors see those of their course's mentors; programme
// leads see and edit them.
allow("mentor", ["view", "edit"], "Profile", ownWork);
allow(isStaff, "view", "Profile");
allow("lead", "edit", "Profile");

conceal("Profile", "That mentor", "view");
refuse(
  "Profile",
  "edit",
  "Only the mentor and programme leads can change a mentor's TRN, school URN or date of birth.",
);
