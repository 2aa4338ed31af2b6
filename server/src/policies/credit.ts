import { allow, forbid, refuse } from "./cancan";
import { isOwnWork, ownWork, ownWorkRefusals, type OwnedSubject } from "./ownWork";
import { isStaff } from "./scope";

declare module "./cancan" {
  interface PolicyRegistry {
    Credit: { subject: OwnedSubject & { contextId?: string }; action: "read" | "ratify" | "reverse" };
    /** The registry transcript and the cohort dashboard. */
    ProgrammeReports: { subject: { tenantId: string; contextId: string }; action: "view" };
  }
}

// Staff see every credit award in the course; anyone else only their own (scopeFor: 404 otherwise).
allow(isStaff, "read", "Credit");
allow("anyone", "read", "Credit", ownWork);

// Ratifying and reversing credit are exam-board decisions, taken by the programme lead, never on
// their own award.
allow("lead", ["ratify", "reverse"], "Credit");
forbid(
  "lead",
  ["ratify", "reverse"],
  "Credit",
  isOwnWork,
  (_actor, _award, action) => ownWorkRefusals[action === "reverse" ? "reverse" : "ratify"],
);
refuse("Credit", ["ratify", "reverse"], "Only a programme lead can ratify or reverse credit.");

allow("lead", "view", "ProgrammeReports");
refuse("ProgrammeReports", "view", "Only a programme lead can see programme reports.");
