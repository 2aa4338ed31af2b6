import { allow } from "./cancan";
import { ownWork } from "./ownWork";
import { keepsOwnWork } from "./scope";

declare module "./cancan" {
  interface PolicyRegistry {
    Evidence: { subject: { tenantId: string; contextId: string; mentorUserId: string }; action: "read" | "edit" };
  }
}

// Evidence is the mentor's own working material: only its author sees or changes it here (a lead
// mentor keeps their own too, for QLMS); scopeFor() gives anyone else none (404). Others read a
// mentor's evidence through policies/mentorWork.ts.
allow(keepsOwnWork, ["read", "edit"], "Evidence", ownWork);
