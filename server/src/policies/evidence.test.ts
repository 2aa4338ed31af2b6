import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import type { TRole } from "../contracts/session";
import { can, scopeFor } from ".";

// Every change to evidence is loaded through this scope: what falls outside is not found.
describe("evidence policy: mentors own their evidence", () => {
  it("scopes every read and change to the actor's own evidence, in their course and platform", () => {
    expect(scopeFor(actor("m1", ["mentor"]), "edit", "Evidence")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "m1",
    });
    // A lead mentor keeps their own (QLMS), and only their own: never their mentors'.
    expect(scopeFor(actor("lm1", ["leadMentor"]), "read", "Evidence")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "lm1",
    });
    expect(scopeFor(actor("m1", ["mentor"], { tenantId: "t2", contextId: "c9" }), "read", "Evidence")).toEqual({
      tenantId: "t2",
      contextId: "c9",
      mentorUserId: "m1",
    });
  });

  it("gives tutors and programme leads nothing to change: they read mentors' work through the MentorWork rules", () => {
    for (const roles of [["tutor"], ["lead"], ["lead", "tutor"]] as TRole[][])
      expect(scopeFor(actor("t1", roles), "edit", "Evidence")).toBeNull();
  });

  it("answers for one piece of evidence as the scope does", () => {
    const piece = { tenantId: "t1", contextId: "c1", mentorUserId: "m1" };
    expect(can(actor("m1", ["mentor"]), "edit", "Evidence", piece)).toBe(true);
    expect(can(actor("m2", ["mentor"]), "read", "Evidence", piece)).toBe(false);
    expect(can(actor("m1", ["mentor"], { contextId: "c2" }), "read", "Evidence", piece)).toBe(false);
  });
});
