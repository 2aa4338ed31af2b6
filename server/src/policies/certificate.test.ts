import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { authorize, scopeFor } from ".";

describe("certificate policy", () => {
  it("shows staff all of the course's certificates and anyone else only their own", () => {
    for (const roles of [["tutor"], ["lead"]] as const)
      expect(scopeFor(actor("t", [...roles]), "read", "Certificate")).toEqual({ tenantId: "t1", contextId: "c1" });
    expect(scopeFor(actor("m1", ["mentor"]), "read", "Certificate")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "m1",
    });
    expect(scopeFor(actor("lm1", ["leadMentor"]), "read", "Certificate")).toEqual({
      tenantId: "t1",
      contextId: "c1",
      mentorUserId: "lm1",
    });
  });

  it("leaves revoking to a programme lead, never on their own certificate", () => {
    const cert = { tenantId: "t1", mentorUserId: "m1" };
    expect(() => authorize(actor("p", ["lead"]), "revoke", "Certificate", cert)).not.toThrow();
    expect(() => authorize(actor("t", ["tutor"]), "revoke", "Certificate", cert)).toThrow(
      expect.objectContaining({ status: 403, message: "Only a programme lead can revoke a certificate." }),
    );
    expect(() => authorize(actor("m1", ["lead", "mentor"]), "revoke", "Certificate", cert)).toThrow(
      expect.objectContaining({
        status: 403,
        message: "You cannot revoke your own certificate. Another programme lead must do it.",
      }),
    );
    // The same user id on another platform is someone else.
    expect(() => authorize(actor("m1", ["lead"], { tenantId: "t2" }), "revoke", "Certificate", cert)).not.toThrow();
  });
});
