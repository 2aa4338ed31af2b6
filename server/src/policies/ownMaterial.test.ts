import { describe, expect, it } from "vitest";
import type { TRole } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import { ownEvidenceScope } from "./evidence";
import { ownPortfolioScope } from "./portfolio";

const actor = (userId: string, roles: TRole[]): Actor => ({
  tenantId: "t1", issuer: "i", clientId: "c", deploymentId: "d", userId, name: userId, email: null, contextId: "c1", contextTitle: "C", contextLabel: null,
  resourceLinkId: null, roles, launchId: "l", messageType: "LtiResourceLinkRequest", target: null, isDevelopment: true,
});

// Every change to evidence and portfolio drafts is loaded through these scopes: what falls outside is not found.
describe("mentors own their evidence and portfolio drafts", () => {
  it("scopes every change to the actor's own material, in their course and platform", () => {
    for (const scope of [ownEvidenceScope, ownPortfolioScope]) {
      expect(scope(actor("m1", ["mentor"]))).toEqual({ tenantId: "t1", contextId: "c1", mentorUserId: "m1" });
      // A lead mentor keeps their own (QLMS), and only their own: never their mentors'.
      expect(scope(actor("lm1", ["leadMentor"]))).toEqual({ tenantId: "t1", contextId: "c1", mentorUserId: "lm1" });
    }
  });

  it("gives tutors and programme leads nothing to change: they read mentors' work through policies/mentorWork.ts", () => {
    for (const scope of [ownEvidenceScope, ownPortfolioScope]) {
      for (const roles of [["tutor"], ["lead"], ["lead", "tutor"]] as TRole[][]) expect(scope(actor("t1", roles))).toBeNull();
    }
  });
});
