import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can, scopeFor } from ".";

describe("credit policy", () => {
  it("shows staff every credit award in the course and anyone else only their own", () => {
    expect(scopeFor(actor("t", ["tutor"]), "read", "Credit")).toEqual({ tenantId: "t1", contextId: "c1" });
    expect(scopeFor(actor("m1", ["mentor"]), "read", "Credit")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "m1",
    });
  });

  it("leaves ratifying and reversing to a programme lead, never on their own award", () => {
    const award = { tenantId: "t1", mentorUserId: "m1" };
    for (const action of ["ratify", "reverse"] as const) {
      expect(can(actor("p", ["lead"]), action, "Credit", award)).toBe(true);
      expect(() => authorize(actor("t", ["tutor"]), action, "Credit", award)).toThrow(
        expect.objectContaining({ status: 403, message: "Only a programme lead can ratify or reverse credit." }),
      );
      // A mentor asking about their own award is told who decides, not that it is theirs.
      expect(() => authorize(actor("m1", ["mentor"]), action, "Credit", award)).toThrow(
        "Only a programme lead can ratify or reverse credit.",
      );
    }
    expect(() => authorize(actor("m1", ["lead", "mentor"]), "ratify", "Credit", award)).toThrow(
      "You cannot ratify your own credit. Another programme lead must do it.",
    );
    expect(() => authorize(actor("m1", ["lead", "mentor"]), "reverse", "Credit", award)).toThrow(
      "You cannot reverse your own credit. Another programme lead must do it.",
    );
  });

  it("gives programme reports to programme leads", () => {
    expect(can(actor("p", ["lead"]), "view", "ProgrammeReports")).toBe(true);
    expect(() => authorize(actor("t", ["tutor"]), "view", "ProgrammeReports")).toThrow(
      expect.objectContaining({ status: 403, message: "Only a programme lead can see programme reports." }),
    );
  });
});
