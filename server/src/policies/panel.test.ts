import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import type { TRole } from "../contracts/session";
import { authorize, can } from ".";
import type { PanelRoundAction } from "./panel";

const version = { tenantId: "t1", contextId: "c1", mentorUserId: "m1", roundId: "r1" };
const seated = { ...version, sitsOnRound: true, allocationRefusal: null };

describe("panel policy", () => {
  it("leaves running rounds to the programme lead, saying what only they do", () => {
    const refusals: Record<Exclude<PanelRoundAction, "manage">, string> = {
      create: "Only the programme lead creates panel rounds.",
      change: "Only the programme lead changes panel rounds.",
      chooseMembers: "Only the programme lead chooses panel members.",
      allocate: "Only the programme lead allocates portfolios to reviewers.",
      moderate: "Only the programme lead moderates panel outcomes.",
      release: "Only the programme lead releases a round's outcomes.",
    };
    for (const [action, message] of Object.entries(refusals) as [PanelRoundAction, string][]) {
      expect(can(actor("p", ["lead"]), action, "PanelRound")).toBe(true);
      expect(() => authorize(actor("t", ["tutor"]), action, "PanelRound")).toThrow(
        expect.objectContaining({ status: 403, message }),
      );
    }
  });

  it("lets a member of the version's round judge it unless the allocation leaves it to another first", () => {
    expect(can(actor("t", ["tutor"]), "judge", "PortfolioVersion", seated)).toBe(true);
    expect(() =>
      authorize(actor("t", ["tutor"]), "judge", "PortfolioVersion", {
        ...version,
        sitsOnRound: false,
        allocationRefusal: null,
      }),
    ).toThrow(
      expect.objectContaining({ status: 403, message: "Only members of this portfolio's panel round can judge it." }),
    );
    const allocated =
      "This portfolio is allocated to Ana for its first review. You can give a second review once theirs is recorded, or ask the programme lead to allocate it to you.";
    expect(() =>
      authorize(actor("t", ["tutor"]), "judge", "PortfolioVersion", { ...seated, allocationRefusal: allocated }),
    ).toThrow(expect.objectContaining({ status: 403, message: allocated }));
  });

  it("never lets anyone review their own portfolio, whatever roles they hold, even seated on the round", () => {
    for (const roles of [
      ["tutor", "mentor"],
      ["lead", "tutor", "leadMentor"],
    ] as TRole[][]) {
      expect(can(actor("m1", roles), "judge", "PortfolioVersion", seated)).toBe(false);
      expect(() => authorize(actor("m1", roles), "judge", "PortfolioVersion", seated)).toThrow(
        "You cannot review your own portfolio. Another panel member must review it.",
      );
    }
  });

  it("leaves the decision where reviewers disagree to a programme lead, never on their own portfolio", () => {
    expect(can(actor("p", ["lead"]), "decide", "PortfolioVersion", version)).toBe(true);
    expect(() => authorize(actor("t", ["tutor"]), "decide", "PortfolioVersion", version)).toThrow(
      "Only the programme lead can record the decision where reviewers disagree.",
    );
    expect(() => authorize(actor("m1", ["lead", "leadMentor"]), "decide", "PortfolioVersion", version)).toThrow(
      "You cannot decide the outcome of your own portfolio. Another programme lead must do it.",
    );
  });
});
