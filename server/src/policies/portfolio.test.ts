import { describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { buildActor as actor } from "../../../test/support/actor";
import type { TRole } from "../contracts/session";
import { can, scopeFor } from ".";

describe("portfolio policy", () => {
  it("scopes portfolio drafts to the actor's own, in their course and platform", () => {
    expect(scopeFor(actor("m1", ["mentor"]), "edit", "Portfolio")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "m1",
    });
    // A lead mentor keeps their own (QLMS), and only their own: never their mentors'.
    expect(scopeFor(actor("lm1", ["leadMentor"]), "read", "Portfolio")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "lm1",
    });
    for (const roles of [["tutor"], ["lead"], ["lead", "tutor"]] as TRole[][])
      expect(scopeFor(actor("t1", roles), "edit", "Portfolio")).toBeNull();
  });

  it("shows submitted versions to their course's leads, the rounds' members and their own mentor", () => {
    const round = new Types.ObjectId();
    expect(scopeFor(actor("p", ["lead"]), "read", "PortfolioVersion", { roundIds: [] })).toEqual({
      tenantId: "t1",
      contextId: "c1",
    });
    expect(scopeFor(actor("t", ["tutor"]), "read", "PortfolioVersion", { roundIds: [round] })).toEqual({
      tenantId: "t1",
      contextId: "c1",
      roundId: { $in: [round] },
    });
    expect(scopeFor(actor("m1", ["mentor"]), "read", "PortfolioVersion", { roundIds: [] })).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "m1",
    });
    expect(scopeFor(actor("lm1", ["leadMentor"]), "read", "PortfolioVersion", { roundIds: [round] })).toEqual({
      tenantId: "t1",
      contextId: "c1",
      $or: [{ mentorUserId: "lm1" }, { roundId: { $in: [round] } }],
    });
    // A tutor on no round sees none.
    expect(scopeFor(actor("t", ["tutor"]), "read", "PortfolioVersion", { roundIds: [] })).toBeNull();
  });

  it("answers for one version as the scope does", () => {
    const version = { tenantId: "t1", contextId: "c1", mentorUserId: "m1" };
    expect(can(actor("m1", ["mentor"]), "read", "PortfolioVersion", version)).toBe(true);
    expect(can(actor("t", ["tutor"]), "read", "PortfolioVersion", version)).toBe(false);
    expect(can(actor("t", ["tutor"]), "read", "PortfolioVersion", { ...version, sitsOnRound: true })).toBe(true);
    expect(can(actor("p", ["lead"]), "read", "PortfolioVersion", { ...version, contextId: "c2" })).toBe(false);
  });
});
