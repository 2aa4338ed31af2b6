import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

describe("decision record policy", () => {
  it("lets the programme lead read the decision record, and nobody else", () => {
    expect(can(actor("p", ["lead", "tutor"]), "read", "DecisionRecord")).toBe(true);
    for (const roles of [["tutor"], ["mentor"], ["leadMentor"]] as const) {
      expect(() => authorize(actor("x", [...roles]), "read", "DecisionRecord")).toThrow(
        expect.objectContaining({ status: 403, message: "Only the programme lead reads the decision record." }),
      );
    }
  });
});
