import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

const ledger = { tenantId: "t1", contextId: "c1", mentorUserId: "m1" };

describe("training record policy", () => {
  it("goes with the hours ledger: the mentor and the course's staff download, read and import", () => {
    for (const who of [actor("m1", ["mentor"]), actor("t", ["tutor"]), actor("p", ["lead"])]) {
      for (const action of ["download", "view", "import"] as const)
        expect(can(who, action, "TrainingRecord", ledger)).toBe(true);
    }
  });

  it("hides the mentor from anyone else, whatever they ask (404, never 403)", () => {
    for (const who of [
      actor("m2", ["mentor"]),
      actor("lm", ["leadMentor"]),
      actor("t", ["tutor"], { contextId: "c2" }),
    ]) {
      for (const action of ["download", "view", "import"] as const) {
        expect(() => authorize(who, action, "TrainingRecord", ledger)).toThrow(
          expect.objectContaining({ status: 404, message: "That mentor was not found." }),
        );
      }
    }
  });
});
