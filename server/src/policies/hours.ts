import { allow, conceal, refuse } from "./cancan";
import { isOwnWork, ownWork, ownWorkRefusals } from "./ownWork";
import { isStaff } from "./scope";

export interface HoursSubject {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  /** Who logged an entry; absent for a whole ledger. */
  loggedBy?: string;
}
export type HoursAction = "view" | "log" | "delete";

declare module "./cancan" {
  interface PolicyRegistry {
    Hours: { subject: HoursSubject; action: HoursAction };
    /** A school's rate band, a year's caps and rates, and the funding claims they make. */
    Funding: { subject: { tenantId: string; contextId: string }; action: "setRateBand" | "setCaps" | "exportClaims" };
  }
}

// Mentors keep their own ledger; tutors and leads keep ledgers for the mentors in their course.
allow("mentor", ["view", "log"], "Hours", ownWork);
allow(isStaff, ["view", "log"], "Hours");
// Staff remove entries from other mentors' ledgers only: hours someone else logged in one's own
// ledger stay, whatever roles one holds. A mentor removes what they logged themselves.
allow(isStaff, "delete", "Hours", (actor, hours) => !isOwnWork(actor, hours));
allow("mentor", "delete", "Hours", (actor, hours) => isOwnWork(actor, hours) && hours.loggedBy === actor.userId);

conceal("Hours", "Those training hours", "view");
refuse("Hours", ["log", "delete"], (actor, hours) =>
  isStaff(actor) && hours && isOwnWork(actor, hours)
    ? ownWorkRefusals.removeHours
    : "You can remove only the hours you logged yourself.",
);

allow(isStaff, "setRateBand", "Funding");
allow("lead", ["setCaps", "exportClaims"], "Funding");
refuse("Funding", "setRateBand", "Only tutors and programme leads can set a school's rate band.");
refuse("Funding", "setCaps", "Only programme leads can enter a year's funding caps and rates.");
refuse("Funding", "exportClaims", "Only programme leads can export funding claims.");
