import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

const mentorsOwn = { tenantId: "t1", contextId: "c1", mentorUserId: "m1" };

describe("profile policy", () => {
  it("lets the mentor see and edit their own details, tutors see them, and leads see and edit them", () => {
    expect(can(actor("m1", ["mentor"]), "edit", "Profile", mentorsOwn)).toBe(true);
    expect(can(actor("t", ["tutor"]), "view", "Profile", mentorsOwn)).toBe(true);
    expect(can(actor("t", ["tutor"]), "edit", "Profile", mentorsOwn)).toBe(false);
    expect(can(actor("p", ["lead"]), "edit", "Profile", mentorsOwn)).toBe(true);
  });

  it("hides another mentor's details (404), and anything in another course or platform", () => {
    for (const who of [
      actor("m2", ["mentor"]),
      actor("lm", ["leadMentor"]),
      actor("t", ["tutor"], { contextId: "c2" }),
      actor("p", ["lead"], { tenantId: "t2" }),
    ]) {
      expect(() => authorize(who, "view", "Profile", mentorsOwn)).toThrow(
        expect.objectContaining({ status: 404, message: "That mentor was not found." }),
      );
    }
  });

  it("refuses a tutor's edit (403) with who may make it", () => {
    expect(() => authorize(actor("t", ["tutor"]), "edit", "Profile", mentorsOwn)).toThrow(
      expect.objectContaining({
        status: 403,
        message: "Only the mentor and programme leads can change a mentor's TRN, school URN or date of birth.",
      }),
    );
  });
});
