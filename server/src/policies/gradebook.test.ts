import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, can } from ".";

describe("gradebook policy", () => {
  it("gives the gradebook connection to tutors and leads only", () => {
    for (const action of [
      "viewDelivery",
      "retryDelivery",
      "syncLineItems",
      "readResults",
      "viewRoster",
      "syncRoster",
    ] as const) {
      expect(can(actor("t", ["tutor"]), action, "Gradebook")).toBe(true);
      expect(can(actor("p", ["lead"]), action, "Gradebook")).toBe(true);
      expect(() => authorize(actor("m", ["mentor"]), action, "Gradebook")).toThrow(
        expect.objectContaining({ status: 403, message: "Only tutors and programme leads can do that." }),
      );
    }
  });

  it("places content only from the VLE's deep-linking request", () => {
    expect(can(actor("t", ["tutor"], { messageType: "LtiDeepLinkingRequest" }), "placeContent", "Gradebook")).toBe(
      true,
    );
    expect(() => authorize(actor("t", ["tutor"]), "placeContent", "Gradebook")).toThrow(
      "Placing content is only possible when you add Mentor Pathways to a course from the VLE.",
    );
    expect(() =>
      authorize(actor("m", ["mentor"], { messageType: "LtiDeepLinkingRequest" }), "placeContent", "Gradebook"),
    ).toThrow(expect.objectContaining({ status: 403 }));
  });

  it("never lets anyone send their own mark to the gradebook again", () => {
    expect(() => authorize(actor("t", ["tutor"]), "retryDelivery", "Gradebook", { mentorUserId: "m1" })).not.toThrow();
    expect(() =>
      authorize(actor("m1", ["tutor", "mentor"]), "retryDelivery", "Gradebook", { mentorUserId: "m1" }),
    ).toThrow(
      expect.objectContaining({
        status: 403,
        message: "You cannot send your own mark to the gradebook again. Another tutor must do it.",
      }),
    );
  });
});
