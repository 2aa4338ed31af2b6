import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Certificate } from "../../server/src/models/certificate";
import { DecisionEntry } from "../../server/src/models/decisionEntry";
import { ROLE } from "@mentor-pathways/dev-platform";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import type { TSignOffBy } from "../../server/src/programme/schema";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { badFields, launch, passModules, type Launched } from "../portfolio/support";

let tool: RunningTool;
let programmeVersion = 70;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => tool?.close());
const api = () => request(tool.url);

/** The default programme with Entry certified by a record sheet that `signers` sign off. */
function sheetProgramme(signers: TSignOffBy[]) {
  const base = defaultProgramme();
  return {
    ...base,
    version: programmeVersion++,
    qualifications: base.qualifications.map((q) =>
      q.code === "ENTRY"
        ? {
            ...q,
            certification: {
              method: "recordSheet" as const,
              fields: [{ code: "school", label: "Placement school", kind: "text" as const, hint: "", required: true }],
              signedOffBy: signers,
            },
          }
        : q,
    ),
  };
}

/**
 * A course of its own under a programme whose Entry sheet the signers named sign off: at Elm
 * Primary a mentor, a second mentor who coordinates mentoring there, a third mentor, and a lead
 * mentor; at Ash Academy one mentor; a tutor and a programme lead.
 */
async function course(name: string, signers: TSignOffBy[]) {
  const courseId = `course-${name}`;
  const platform = tool.devPlatform!;
  platform.addCourse({ id: courseId, title: name, label: name.toUpperCase() });
  const people: Array<[string, string, string, string]> = [
    ["mentor", "Mina Elm", "Elm Primary", ROLE.learner],
    ["coordinator", "Cora Elm", "Elm Primary", ROLE.learner],
    ["colleague", "Cal Elm", "Elm Primary", ROLE.learner],
    ["lead-mentor", "Lou Elm", "Elm Primary", ROLE.mentor],
    ["ash", "Asha Ash", "Ash Academy", ROLE.learner],
  ];
  for (const [id, fullName, school, role] of people) {
    platform.addUser({ id: `${name}-${id}`, name: fullName, school });
    platform.enrol(courseId, `${name}-${id}`, [role]);
  }
  platform.enrol(courseId, devUsers.tutor, [ROLE.instructor]);
  platform.enrol(courseId, devUsers.lead, [ROLE.administrator, ROLE.instructor]);
  const at = (id: string) => launch(tool, `${name}-${id}`, courseId);
  const c = {
    courseId,
    mentor: await at("mentor"),
    coordinator: await at("coordinator"),
    colleague: await at("colleague"),
    leadMentor: await at("lead-mentor"),
    ash: await at("ash"),
    tutor: await launch(tool, devUsers.tutor, courseId),
    lead: await launch(tool, devUsers.lead, courseId),
  };
  await assignProgramme({
    tenantId: c.mentor.tenantId,
    contextId: courseId,
    programme: await storeProgrammeVersion({
      tenantId: c.mentor.tenantId,
      definition: sheetProgramme(signers),
      loadedBy: null,
    }),
    assignedBy: c.lead.userId,
  });
  return c;
}

const list = (who: Launched) => api().get("/api/record-sheets").set(bearer(who.token)).expect(200);
async function submitEntry(who: Launched) {
  await passModules(who, ["M1", "M2"]);
  const res = await api()
    .post("/api/record-sheets/ENTRY/submit")
    .set(bearer(who.token))
    .send({ values: { school: "Elm Primary" }, expectedVersion: 0 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

describe("the coordinating mentor", () => {
  it("is assigned by the programme lead for a school, from the people at that school, and shows on each mentor's who-does-what page", async () => {
    const c = await course("coord-assign", ["coordinatingMentor"]);
    const wrongSchool = await api()
      .post("/api/support/schools")
      .set(bearer(c.lead.token))
      .send({ school: "Elm Primary", coordinatingMentorUserId: c.ash.userId });
    expect(wrongSchool.status).toBe(400);
    expect(wrongSchool.body.error.message).toBe("Coordinating mentor: choose a mentor or lead mentor at Elm Primary");
    expect(badFields(wrongSchool.body)).toEqual(["body.coordinatingMentorUserId"]);
    expect(
      (
        await api()
          .post("/api/support/schools")
          .set(bearer(c.lead.token))
          .send({ school: "Elm Primary", coordinatingMentorUserId: c.tutor.userId })
      ).status,
    ).toBe(400);
    expect(
      (
        await api()
          .post("/api/support/schools")
          .set(bearer(c.leadMentor.token))
          .send({ school: "Elm Primary", coordinatingMentorUserId: c.coordinator.userId })
      ).status,
    ).toBe(403);

    const ok = await api()
      .post("/api/support/schools")
      .set(bearer(c.lead.token))
      .send({ school: "Elm Primary", coordinatingMentorUserId: c.coordinator.userId });
    expect(ok.status).toBe(200);
    expect(ok.body.mentorsUpdated).toBe(3);
    const mine = await api().get("/api/support/mine").set(bearer(c.mentor.token)).expect(200);
    expect(mine.body.coordinatingMentor).toMatchObject({ id: c.coordinator.userId, name: "Cora Elm" });
    // Not their own coordinating mentor, and not Ash Academy's.
    expect(
      (await api().get("/api/support/mine").set(bearer(c.coordinator.token)).expect(200)).body.coordinatingMentor,
    ).toBeNull();
    expect(
      (await api().get("/api/support/mine").set(bearer(c.ash.token)).expect(200)).body.coordinatingMentor,
    ).toBeNull();
    const support = (await api().get("/api/support").set(bearer(c.lead.token)).expect(200)).body;
    expect(support.mentors.find((m: { id: string }) => m.id === c.colleague.userId).coordinatingMentor).toMatchObject({
      id: c.coordinator.userId,
    });
    expect(
      support.schoolPeople
        .filter((p: { school: string }) => p.school === "Elm Primary")
        .map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([c.mentor.userId, c.coordinator.userId, c.colleague.userId, c.leadMentor.userId].sort());
    // Being a coordinating mentor gives no reading of colleagues' evidence: that stays with tutors and lead mentors.
    expect((await api().get(`/api/mentor-work/${c.mentor.userId}`).set(bearer(c.coordinator.token))).status).toBe(404);
  });

  it("signs off a mentor's record sheet where the programme names them; the lead releases; the certificate follows with the decision record", async () => {
    const c = await course("coord-sign", ["coordinatingMentor"]);
    await api()
      .post("/api/support/schools")
      .set(bearer(c.lead.token))
      .send({ school: "Elm Primary", coordinatingMentorUserId: c.coordinator.userId, linkTutorUserId: c.tutor.userId })
      .expect(200);
    const steps = async () =>
      (await api().get("/api/support/mine").set(bearer(c.mentor.token)).expect(200)).body.nextSteps as string[];
    // What is expected next follows the sheet: due once the Entry modules are passed, then with the signer.
    expect((await steps()).join(" ")).not.toMatch(/record sheet/);
    await passModules(c.mentor, ["M1", "M2"]);
    expect(await steps()).toContain(
      "Complete your record sheet for Entry level certificate and submit it for sign-off by your coordinating mentor.",
    );
    const submitted = await submitEntry(c.mentor);
    expect(await steps()).toContain(
      "Your record sheet for Entry level certificate is with your coordinating mentor for sign-off; the programme lead then releases your certificate.",
    );

    // The link tutor is not who this programme names; a colleague at the school sees nothing.
    const byTutor = await api()
      .post(`/api/record-sheets/${submitted.id}/sign-off`)
      .set(bearer(c.tutor.token))
      .send({ expectedVersion: submitted.version });
    expect(byTutor.status).toBe(403);
    expect(byTutor.body.error.message).toBe("Only the mentor's coordinating mentor can sign off this record sheet.");
    expect(
      (
        await api()
          .post(`/api/record-sheets/${submitted.id}/sign-off`)
          .set(bearer(c.colleague.token))
          .send({ expectedVersion: submitted.version })
      ).status,
    ).toBe(404);
    expect((await list(c.colleague)).body.toSignOff).toEqual([]);

    const waiting = (await list(c.coordinator)).body.toSignOff;
    expect(waiting.map((s: { id: string }) => s.id)).toEqual([submitted.id]);
    expect(waiting[0]).toMatchObject({
      mentor: { name: "Mina Elm" },
      signedOffBy: ["coordinatingMentor"],
      abilities: { signOff: true, release: false },
    });
    const signed = await api()
      .post(`/api/record-sheets/${submitted.id}/sign-off`)
      .set(bearer(c.coordinator.token))
      .send({ comment: "Well done.", expectedVersion: submitted.version });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body).toMatchObject({
      status: "signed",
      signOff: { userId: c.coordinator.userId, name: "Cora Elm", role: "coordinatingMentor" },
    });

    const released = await api()
      .post(`/api/record-sheets/${submitted.id}/release`)
      .set(bearer(c.lead.token))
      .send({ expectedVersion: signed.body.version });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect((await steps()).join(" ")).not.toMatch(/record sheet/);
    const certs = (await api().get("/api/certificates").set(bearer(c.mentor.token)).expect(200)).body.certificates;
    expect(certs).toEqual([
      expect.objectContaining({ qualification: expect.objectContaining({ code: "ENTRY" }), status: "valid" }),
    ]);
    const entries = await DecisionEntry.find({ contextId: c.courseId, subject: `record-sheet:${submitted.id}` })
      .sort({ seq: 1 })
      .lean();
    expect(entries.map((e) => [e.kind, e.actorUserId, e.after])).toEqual([
      ["outcome", c.coordinator.userId, "ENTRY signed off (coordinating mentor)"],
      ["release", c.lead.userId, "released"],
    ]);
  });

  it("never signs off their own sheet, and stops signing for a mentor who leaves the school", async () => {
    const c = await course("coord-own", ["linkTutor", "coordinatingMentor"]);
    await api()
      .post("/api/support/schools")
      .set(bearer(c.lead.token))
      .send({ school: "Elm Primary", coordinatingMentorUserId: c.coordinator.userId })
      .expect(200);
    const own = await submitEntry(c.coordinator);
    expect((await list(c.coordinator)).body.toSignOff).toEqual([]);
    const refused = await api()
      .post(`/api/record-sheets/${own.id}/sign-off`)
      .set(bearer(c.coordinator.token))
      .send({ expectedVersion: own.version });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^You cannot sign off your own record sheet/);
    expect(await Certificate.countDocuments({ contextId: c.courseId })).toBe(0);

    // The mentor's sheet: signed by the coordinator only while the rule names them for the mentor's school.
    const sheet = await submitEntry(c.mentor);
    expect((await list(c.coordinator)).body.toSignOff.map((s: { id: string }) => s.id)).toEqual([sheet.id]);
    tool.devPlatform!.addUser({ id: c.mentor.userId, name: "Mina Elm", school: "Ash Academy" });
    await launch(tool, c.mentor.userId, c.courseId);
    expect((await list(c.coordinator)).body.toSignOff).toEqual([]);
    expect(
      (
        await api()
          .post(`/api/record-sheets/${sheet.id}/sign-off`)
          .set(bearer(c.coordinator.token))
          .send({ expectedVersion: sheet.version })
      ).status,
    ).toBe(404);
  });
});
