import { describe, expect, it } from "vitest";
import { buildActor } from "../../../test/support/actor";
import { authorize, can } from ".";

const mine = { tenantId: "t1", contextId: "c1", mentorUserId: "u-self" };
const theirs = { ...mine, mentorUserId: "u-other" };
const otherCourse = { ...theirs, contextId: "c2" };
const otherPlatform = { ...theirs, tenantId: "t2" };
const as = (roles: Parameters<typeof buildActor>[1]) => buildActor("u-self", roles);

describe("hours policy", () => {
  it("mentor keeps their own ledger and removes only what they logged", () => {
    const m = as(["mentor"]);
    expect(can(m, "log", "Hours", mine)).toBe(true);
    expect(can(m, "log", "Hours", theirs)).toBe(false);
    expect(can(m, "delete", "Hours", { ...mine, loggedBy: "u-self" })).toBe(true);
    expect(can(m, "delete", "Hours", { ...mine, loggedBy: "u-tutor" })).toBe(false);
    expect(can(m, "setRateBand", "Funding")).toBe(false);
    expect(can(m, "exportClaims", "Funding")).toBe(false);
  });

  it("tutor logs for the course's mentors and sets rate bands, but does not export claims", () => {
    const t = as(["tutor"]);
    expect(can(t, "log", "Hours", theirs)).toBe(true);
    expect(can(t, "delete", "Hours", { ...theirs, loggedBy: "u-other" })).toBe(true);
    expect(can(t, "view", "Hours", otherCourse)).toBe(false);
    expect(can(t, "setRateBand", "Funding")).toBe(true);
    expect(can(t, "exportClaims", "Funding")).toBe(false);
  });

  it("lead exports claims and sets a year's caps within their course", () => {
    const l = as(["lead"]);
    expect(can(l, "exportClaims", "Funding")).toBe(true);
    expect(can(l, "setCaps", "Funding")).toBe(true);
    expect(can(l, "view", "Hours", otherPlatform)).toBe(false);
  });

  it("keeps hours someone else logged in one's own ledger, whatever roles one holds", () => {
    const both = as(["tutor", "mentor"]);
    expect(can(both, "delete", "Hours", { ...mine, loggedBy: "u-other" })).toBe(false);
    expect(() => authorize(both, "delete", "Hours", { ...mine, loggedBy: "u-other" })).toThrow(
      expect.objectContaining({
        status: 403,
        message:
          "You cannot remove hours someone else logged in your own ledger. Ask them, or another tutor, to do it.",
      }),
    );
    // What they logged themselves in their own ledger, they may remove.
    expect(can(both, "delete", "Hours", { ...mine, loggedBy: "u-self" })).toBe(true);
    expect(() => authorize(as(["mentor"]), "delete", "Hours", { ...mine, loggedBy: "u-tutor" })).toThrow(
      expect.objectContaining({ status: 403, message: "You can remove only the hours you logged yourself." }),
    );
  });

  it("hides a ledger one may not see (404) and names who does the funding tasks (403)", () => {
    expect(() => authorize(as(["mentor"]), "view", "Hours", theirs)).toThrow(
      expect.objectContaining({ status: 404, message: "Those training hours was not found." }),
    );
    expect(() => authorize(as(["mentor"]), "setRateBand", "Funding")).toThrow(
      expect.objectContaining({
        status: 403,
        message: "Only tutors and programme leads can set a school's rate band.",
      }),
    );
    expect(() => authorize(as(["tutor"]), "exportClaims", "Funding")).toThrow(
      expect.objectContaining({ status: 403, message: "Only programme leads can export funding claims." }),
    );
    expect(() => authorize(as(["tutor"]), "setCaps", "Funding")).toThrow(
      expect.objectContaining({
        status: 403,
        message: "Only programme leads can enter a year's funding caps and rates.",
      }),
    );
  });
});
