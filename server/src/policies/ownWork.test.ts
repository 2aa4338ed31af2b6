import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { isOwnWork, ownWork } from "./ownWork";

describe("own work", () => {
  it("is the same person on the same platform", () => {
    expect(isOwnWork(actor("m1", ["mentor"]), { mentorUserId: "m1" })).toBe(true);
    expect(isOwnWork(actor("m1", ["mentor"]), { tenantId: "t1", mentorUserId: "m1" })).toBe(true);
    expect(isOwnWork(actor("m1", ["mentor"]), { tenantId: "t2", mentorUserId: "m1" })).toBe(false);
    expect(isOwnWork(actor("m1", ["mentor"]), { mentorUserId: "m2" })).toBe(false);
  });

  it("is the same condition as a query filter", () => {
    expect(ownWork.where(actor("m1", ["mentor"]), undefined)).toEqual({ mentorUserId: "m1" });
  });
});
