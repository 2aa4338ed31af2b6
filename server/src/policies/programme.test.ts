import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

describe("programme policy", () => {
  it("lets programme leads load a programme and see its versions, and refuses anyone else", () => {
    expect(can(actor("p", ["lead"]), "manage", "Programme")).toBe(true);
    for (const roles of [["tutor"], ["mentor"], ["leadMentor"]] as const) {
      expect(() => authorize(actor("x", [...roles]), "manage", "Programme")).toThrow(
        expect.objectContaining({ status: 403, message: "Only programme leads can load a programme." }),
      );
    }
  });
});
