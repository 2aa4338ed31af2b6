import { describe, expect, it } from "vitest";
import { buildActor } from "../../../test/support/actor";
import { authorize, can } from ".";

const mine = { tenantId: "t1", contextId: "c1", mentorUserId: "u-self" };
const theirs = { ...mine, mentorUserId: "u-other" };
const otherCourse = { ...theirs, contextId: "c2" };
const otherPlatform = { ...theirs, tenantId: "t2" };
const as = (roles: Parameters<typeof buildActor>[1]) => buildActor("u-self", roles);

describe("module policy", () => {
  it("mentor: sees and works on only their own work, never marks it", () => {
    const m = as(["mentor"]);
    expect(can(m, "work", "ModuleWork", mine)).toBe(true);
    expect(can(m, "mark", "ModuleWork", mine)).toBe(false);
    expect(can(m, "view", "ModuleWork", theirs)).toBe(false);
    expect(can(m, "view", "ModuleWork", { ...mine, tenantId: "t2" })).toBe(false);
  });

  it("tutor and lead: see and mark work in their own course and platform only, never work on it", () => {
    for (const staff of [as(["tutor"]), as(["lead", "tutor"])]) {
      expect(can(staff, "mark", "ModuleWork", theirs)).toBe(true);
      expect(can(staff, "work", "ModuleWork", theirs)).toBe(false);
      expect(can(staff, "view", "ModuleWork", otherCourse)).toBe(false);
      expect(can(staff, "view", "ModuleWork", otherPlatform)).toBe(false);
    }
    // A tutor also enrolled as a mentor does not mark their own work.
    expect(can(as(["tutor", "mentor"]), "mark", "ModuleWork", mine)).toBe(false);
  });

  it("hides work one may not see (404), then refuses an action with a sentence naming who may", () => {
    expect(() => authorize(as(["mentor"]), "view", "ModuleWork", theirs)).toThrow(
      expect.objectContaining({ status: 404, message: "That module work was not found." }),
    );
    expect(() => authorize(as(["tutor"]), "mark", "ModuleWork", otherCourse)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(() => authorize(as(["mentor"]), "mark", "ModuleWork", mine)).toThrow(
      expect.objectContaining({ status: 403, message: "Only the course's tutors can mark module work." }),
    );
    expect(() => authorize(as(["tutor"]), "work", "ModuleWork", theirs)).toThrow(
      expect.objectContaining({ status: 403, message: "Only mentors work on modules." }),
    );
    expect(() => authorize(as(["tutor"]), "mark", "ModuleWork", theirs)).not.toThrow();
  });

  it("never lets anyone mark their own work, whatever roles they hold", () => {
    for (const roles of [
      ["tutor", "mentor"],
      ["lead", "mentor"],
      ["lead", "tutor", "mentor"],
    ] as const) {
      expect(() => authorize(as([...roles]), "mark", "ModuleWork", mine)).toThrow(
        expect.objectContaining({
          status: 403,
          message: "You cannot mark your own module work. Another tutor must mark it.",
        }),
      );
    }
  });

  it("gives the marking list to tutors and leads only", () => {
    expect(can(as(["tutor"]), "list", "ModuleWork")).toBe(true);
    expect(() => authorize(as(["mentor"]), "list", "ModuleWork")).toThrow(
      expect.objectContaining({ status: 403, message: "Only tutors and programme leads can see the marking list." }),
    );
  });
});
