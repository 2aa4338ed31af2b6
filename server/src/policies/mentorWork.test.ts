import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import type { TRole } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import { authorize, can, scopeFor } from ".";
import type { MentorWorkAction, MentorWorkSubject } from "./mentorWork";

const canOnMentorWork = (who: Actor, action: MentorWorkAction, subject: MentorWorkSubject) =>
  can(who, action, "MentorWork", subject);
const work = { tenantId: "t1", contextId: "c1", mentorUserId: "m1", leadMentorUserId: "lm1" };

describe("mentor work policy", () => {
  it("lets the mentor do everything with their own work", () => {
    for (const action of ["read", "comment", "edit"] as const)
      expect(canOnMentorWork(actor("m1", ["mentor"]), action, work)).toBe(true);
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
    for (const who of outsiders)
      for (const action of ["read", "comment", "edit"] as const) expect(canOnMentorWork(who, action, work)).toBe(false);
  });

  it("scopes a caseload to the lead mentor's course and platform, and gives others none", () => {
    expect(scopeFor(actor("lm1", ["leadMentor"]), "read", "Caseload")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      leadMentorUserId: "lm1",
    });
    expect(scopeFor(actor("t", ["tutor"]), "read", "Caseload")).toBeNull();
    expect(scopeFor(actor("m1", ["mentor"]), "read", "Caseload")).toBeNull();
    expect(() => authorize(actor("t", ["tutor"]), "read", "Caseload")).toThrow(
      expect.objectContaining({ status: 403, message: "Only lead mentors have a caseload." }),
    );
  });

  it("leaves assigning lead mentors and link tutors to programme leads", () => {
    expect(can(actor("p", ["lead"]), "assign", "SupportAssignment")).toBe(true);
    for (const roles of [["tutor"], ["leadMentor"], ["mentor"]] as TRole[][])
      expect(can(actor("x", roles), "assign", "SupportAssignment")).toBe(false);
    expect(() => authorize(actor("t", ["tutor"]), "assign", "SupportAssignment")).toThrow(
      "Only a programme lead can assign lead mentors and link tutors.",
    );
    // Only a mentor has a lead mentor and link tutor of their own to see.
    expect(can(actor("m1", ["mentor"]), "viewOwn", "SupportAssignment")).toBe(true);
    expect(() => authorize(actor("lm1", ["leadMentor"]), "viewOwn", "SupportAssignment")).toThrow(
      expect.objectContaining({ status: 403, message: "Only mentors have a lead mentor and link tutor." }),
    );
  });

  it("hides a mentor's work from outsiders (404) and names who may comment or edit (403)", () => {
    expect(() => authorize(actor("m2", ["mentor"]), "read", "MentorWork", work)).toThrow(
      expect.objectContaining({ status: 404, message: "That mentor was not found." }),
    );
    expect(() => authorize(actor("t", ["tutor"]), "comment", "MentorWork", work)).toThrow(
      expect.objectContaining({
        status: 403,
        message: "Only the mentor and their lead mentor can comment on the mentor's evidence.",
      }),
    );
    expect(() => authorize(actor("lm1", ["leadMentor"]), "edit", "MentorWork", work)).toThrow(
      expect.objectContaining({ status: 403, message: "Only the mentor can change their own evidence and portfolio." }),
    );
  });
});
