import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

describe("job policy", () => {
  it("shows the tool's background jobs to programme leads only", () => {
    expect(can(actor("p", ["lead"]), "view", "Job")).toBe(true);
    for (const roles of [["tutor"], ["mentor"], ["leadMentor"]] as const) {
      expect(() => authorize(actor("x", [...roles]), "view", "Job")).toThrow(
        expect.objectContaining({ status: 403, message: "Only a programme lead can see the background jobs." }),
      );
    }
  });
});
