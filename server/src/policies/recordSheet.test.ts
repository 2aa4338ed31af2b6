import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import type { TRole } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import type { TSignOffBy } from "../programme/schema";
import { authorize, can } from ".";
import { signOffCapacity, wordsFor, type RecordSheetSubject } from "./recordSheet";

const authorizeSignOff = (who: Actor, s: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]) =>
  authorize(who, "signOff", "RecordSheet", { ...s, signedOffBy });
const canReadRecordSheet = (who: Actor, s: RecordSheetSubject, signedOffBy: readonly TSignOffBy[]) =>
  can(who, "read", "RecordSheet", { ...s, signedOffBy });
const canReleaseRecordSheet = (who: Actor, s: RecordSheetSubject) =>
  can(who, "release", "RecordSheet", { ...s, signedOffBy: [] });
const sheet = {
  tenantId: "t1",
  contextId: "c1",
  mentorUserId: "m1",
  leadMentorUserId: "lm1",
  linkTutorUserId: "t1",
  coordinatingMentorUserId: "cm1",
};
const all = ["linkTutor", "leadMentor", "coordinatingMentor"] as const;

describe("record sheet policy", () => {
  it("lets each person the programme names sign off in their capacity, and only them", () => {
    expect(signOffCapacity(actor("t1", ["tutor"]), sheet, all)).toBe("linkTutor");
    expect(signOffCapacity(actor("lm1", ["leadMentor"]), sheet, all)).toBe("leadMentor");
    expect(signOffCapacity(actor("cm1", ["mentor"]), sheet, all)).toBe("coordinatingMentor");
    expect(signOffCapacity(actor("cm1", ["leadMentor"]), sheet, all)).toBe("coordinatingMentor");
    // Named, but the programme does not name that capacity.
    expect(signOffCapacity(actor("cm1", ["mentor"]), sheet, ["linkTutor", "leadMentor"])).toBeNull();
    expect(signOffCapacity(actor("t1", ["tutor"]), sheet, ["coordinatingMentor"])).toBeNull();
    // Not the named person, or not in this course or platform.
    for (const who of [
      actor("t2", ["tutor"]),
      actor("m2", ["mentor"]),
      actor("cm1", ["mentor"], { contextId: "c2" }),
      actor("cm1", ["mentor"], { tenantId: "t2" }),
    ]) {
      expect(signOffCapacity(who, sheet, all)).toBeNull();
    }
  });

  it("never lets anyone sign off their own sheet, whatever roles they hold and even if named for it", () => {
    const ownNamedEverywhere = {
      ...sheet,
      leadMentorUserId: "m1",
      linkTutorUserId: "m1",
      coordinatingMentorUserId: "m1",
    };
    for (const roles of [["mentor"], ["mentor", "tutor"], ["mentor", "lead"], ["leadMentor", "mentor"]] as TRole[][]) {
      const own = actor("m1", roles);
      expect(signOffCapacity(own, ownNamedEverywhere, all)).toBeNull();
      expect(() => authorizeSignOff(own, ownNamedEverywhere, all)).toThrow(/cannot sign off your own record sheet/);
      expect(canReleaseRecordSheet(own, ownNamedEverywhere)).toBe(false);
    }
  });

  it("lets the coordinating mentor read the sheets of the mentors they coordinate only where the programme names them", () => {
    const cm = actor("cm1", ["mentor"]);
    expect(canReadRecordSheet(cm, sheet, ["coordinatingMentor"])).toBe(true);
    expect(canReadRecordSheet(cm, sheet, ["linkTutor", "leadMentor"])).toBe(false);
    expect(canReadRecordSheet(actor("m2", ["mentor"]), sheet, all)).toBe(false);
    // The mentor, the course's staff and the mentor's lead mentor read it whatever the programme says.
    for (const who of [
      actor("m1", ["mentor"]),
      actor("t2", ["tutor"]),
      actor("p", ["lead"]),
      actor("lm1", ["leadMentor"]),
    ])
      expect(canReadRecordSheet(who, sheet, ["coordinatingMentor"])).toBe(true);
  });

  it("names who must sign in the refusal", () => {
    expect(() => authorizeSignOff(actor("t2", ["tutor"]), sheet, all)).toThrow(
      "Only the mentor's link tutor, lead mentor or coordinating mentor can sign off this record sheet.",
    );
    expect(wordsFor(["coordinatingMentor"])).toBe("coordinating mentor");
    expect(wordsFor(["linkTutor", "leadMentor"])).toBe("link tutor or lead mentor");
  });

  it("lets signers sign off and a programme lead release, and only mentors keep a sheet", () => {
    expect(() => authorizeSignOff(actor("t1", ["tutor"]), sheet, all)).not.toThrow();
    expect(canReleaseRecordSheet(actor("p", ["lead"]), sheet)).toBe(true);
    expect(() => authorize(actor("t2", ["tutor"]), "release", "RecordSheet", { ...sheet, signedOffBy: all })).toThrow(
      expect.objectContaining({ status: 403, message: "Only a programme lead can release an award." }),
    );
    // Releasing one's own award is refused first, naming who must do it.
    expect(() =>
      authorize(actor("m1", ["lead", "mentor"]), "release", "RecordSheet", { ...sheet, signedOffBy: all }),
    ).toThrow("You cannot release your own award. Another programme lead must do it.");
    expect(can(actor("m1", ["mentor"]), "keep", "RecordSheet")).toBe(true);
    expect(() => authorize(actor("t1", ["tutor"]), "keep", "RecordSheet")).toThrow("Only mentors keep a record sheet.");
  });
});
