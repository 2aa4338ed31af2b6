import { describe, expect, it } from "vitest";
import type { Actor } from "../lti/sessionToken";
import type { TRole } from "../contracts/session";
import { canOnMentorWork, caseloadFilter, canAssignSupport } from "./mentorWork";

const actor = (userId: string, roles: TRole[], where: Partial<Actor> = {}): Actor => ({
  tenantId: "t1", issuer: "i", clientId: "c", deploymentId: "d", userId, name: userId, email: null, contextId: "c1", contextTitle: "C", contextLabel: null,
  resourceLinkId: null, roles, launchId: "l", messageType: "LtiResourceLinkRequest", target: null, isDevelopment: true, ...where,
});
const work = { tenantId: "t1", contextId: "c1", mentorUserId: "m1", leadMentorUserId: "lm1" };

describe("mentor work policy", () => {
  it("lets the mentor do everything with their own work", () => {
    for (const action of ["read", "comment", "edit"] as const) expect(canOnMentorWork(actor("m1", ["mentor"]), action, work)).toBe(true);
  });

  it("lets the mentor's lead mentor read and comment, never edit", () => {
    const lm = actor("lm1", ["leadMentor"]);
    expect(canOnMentorWork(lm, "read", work)).toBe(true);
    expect(canOnMentorWork(lm, "comment", work)).toBe(true);
    expect(canOnMentorWork(lm, "edit", work)).toBe(false);
  });

  it("lets tutors and programme leads of the course read, not comment or edit", () => {
    for (const who of [actor("t", ["tutor"]), actor("p", ["lead", "tutor"])]) {
      expect(canOnMentorWork(who, "read", work)).toBe(true);
      expect(canOnMentorWork(who, "comment", work)).toBe(false);
      expect(canOnMentorWork(who, "edit", work)).toBe(false);
    }
  });

  it("gives nothing to another mentor, another lead mentor, or anyone from another course or platform", () => {
    const outsiders = [
      actor("m2", ["mentor"]),
      actor("lm2", ["leadMentor"]),
      // The lead mentor's own user id without the role (say, launched as a learner) is not enough.
      actor("lm1", ["mentor"]),
      actor("lm1", ["leadMentor"], { contextId: "c2" }),
      actor("lm1", ["leadMentor"], { tenantId: "t2" }),
      actor("t", ["tutor"], { contextId: "c2" }),
      actor("m1", ["mentor"], { tenantId: "t2" }),
    ];
    for (const who of outsiders) for (const action of ["read", "comment", "edit"] as const) expect(canOnMentorWork(who, action, work)).toBe(false);
  });

  it("scopes a caseload to the lead mentor's course and platform, and gives others none", () => {
    expect(caseloadFilter(actor("lm1", ["leadMentor"]))).toEqual({ tenantId: "t1", contextId: "c1", leadMentorUserId: "lm1" });
    expect(caseloadFilter(actor("t", ["tutor"]))).toBeNull();
    expect(caseloadFilter(actor("m1", ["mentor"]))).toBeNull();
  });

  it("leaves assigning lead mentors and link tutors to programme leads", () => {
    expect(canAssignSupport(actor("p", ["lead"]))).toBe(true);
    for (const roles of [["tutor"], ["leadMentor"], ["mentor"]] as TRole[][]) expect(canAssignSupport(actor("x", roles))).toBe(false);
  });
});
