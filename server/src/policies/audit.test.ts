import { describe, expect, it } from "vitest";
import { buildActor } from "../../../test/support/actor";
import { authorize, can } from ".";

const mine = { tenantId: "t1", contextId: "c1", mentorUserId: "u-self" };
const theirs = { ...mine, mentorUserId: "u-other" };
const otherCourse = { ...theirs, contextId: "c2" };
const otherPlatform = { ...theirs, tenantId: "t2" };
const as = (roles: Parameters<typeof buildActor>[1]) => buildActor("u-self", roles);

describe("audit policy", () => {
  it("mentor rates their own; staff read within the course; nobody crosses courses", () => {
    expect(can(as(["mentor"]), "rate", "Audit", mine)).toBe(true);
    expect(can(as(["mentor"]), "view", "Audit", theirs)).toBe(false);
    expect(can(as(["tutor"]), "view", "Audit", theirs)).toBe(true);
    expect(can(as(["tutor"]), "rate", "Audit", theirs)).toBe(false);
    expect(can(as(["lead"]), "view", "Audit", otherCourse)).toBe(false);
    expect(can(as(["lead"]), "view", "Audit", otherPlatform)).toBe(false);
  });

  it("hides an audit one may not read (404) and refuses rating another's (403)", () => {
    expect(() => authorize(as(["mentor"]), "view", "Audit", theirs)).toThrow(
      expect.objectContaining({ status: 404, message: "That audit was not found." }),
    );
    expect(() => authorize(as(["tutor"]), "rate", "Audit", theirs)).toThrow(
      expect.objectContaining({ status: 403, message: "Only mentors take the mentor audit." }),
    );
    expect(() => authorize(as(["mentor", "tutor"]), "rate", "Audit", theirs)).toThrow(
      expect.objectContaining({ status: 403, message: "Only the mentor can rate their own confidence." }),
    );
    expect(() => authorize(as(["mentor"]), "rate", "Audit", mine)).not.toThrow();
  });

  it("asked before the mentor is looked up, refuses anyone who is no mentor", () => {
    expect(() => authorize(as(["leadMentor"]), "rate", "Audit")).toThrow(
      expect.objectContaining({ status: 403, message: "Only mentors take the mentor audit." }),
    );
    expect(() => authorize(as(["mentor"]), "rate", "Audit")).not.toThrow();
  });
});
