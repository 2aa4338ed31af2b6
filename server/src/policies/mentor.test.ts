import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

describe("mentor list policy", () => {
  it("lists the course's mentors for its tutors and leads, and refuses (403) anyone else", () => {
    expect(can(actor("t", ["tutor"]), "list", "Mentor")).toBe(true);
    expect(can(actor("p", ["lead"]), "list", "Mentor")).toBe(true);
    for (const roles of [["mentor"], ["leadMentor"]] as const) {
      expect(() => authorize(actor("x", [...roles]), "list", "Mentor")).toThrow(
        expect.objectContaining({
          status: 403,
          message: "Only tutors and programme leads can see the mentors on this course.",
        }),
      );
    }
  });
});
