import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Certificate } from "../../server/src/models/certificate";
import { DecisionEntry } from "../../server/src/models/decisionEntry";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import {
  addEvidence,
  badFields,
  confirmOutcome,
  dayFromToday,
  include,
  launch,
  openPortfolio,
  passModules,
  releaseAfterPanel,
  type Launched,
} from "./support";

const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator";
const LIS_MENTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor";
const standards = defaultProgramme().standards.map((s) => s.code);

let tool: RunningTool;
let programmeVersion = 40;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => tool?.close());
const api = () => request(tool.url);

/** The default programme with Entry certified by record-sheet sign-off (link tutor or lead mentor). */
function sheetProgramme() {
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
              fields: [
                { code: "school", label: "Placement school", kind: "text" as const, hint: "", required: true },
                {
                  code: "lastDay",
                  label: "Last day of the placement",
                  kind: "date" as const,
                  hint: "",
                  required: true,
                },
                {
                  code: "trainee",
                  label: "What your trainee achieved",
                  kind: "longText" as const,
                  hint: "",
                  required: false,
                },
              ],
              signedOffBy: ["linkTutor" as const, "leadMentor" as const],
            },
          }
        : q,
    ),
  };
}

/** A course of its own: a mentor, a user who is both mentor and tutor, two tutors, a lead mentor and a programme lead. */
async function course(name: string, programme?: ReturnType<typeof sheetProgramme>) {
  const courseId = `course-${name}`;
  const platform = tool.devPlatform!;
  platform.addCourse({ id: courseId, title: name, label: name.toUpperCase() });
  platform.addUser({
    id: `${name}-mentor`,
    name: "Robin Hale",
    givenName: "Robin",
    familyName: "Hale",
    email: `${name}@school.example`,
  });
  platform.addUser({
    id: `${name}-both`,
    name: "Sam Both",
    givenName: "Sam",
    familyName: "Both",
    email: `${name}-both@school.example`,
  });
  platform.enrol(courseId, `${name}-mentor`, [LEARNER]);
  platform.enrol(courseId, `${name}-both`, [LEARNER, INSTRUCTOR]);
  platform.enrol(courseId, devUsers.tutor, [INSTRUCTOR]);
  platform.enrol(courseId, "dev-tutor-2", [INSTRUCTOR]);
  platform.enrol(courseId, "dev-lead-mentor-1", [LIS_MENTOR]);
  platform.enrol(courseId, devUsers.lead, [ADMIN, INSTRUCTOR]);
  const [mentor, both, t1, t2, leadMentor, lead] = [
    await launch(tool, `${name}-mentor`, courseId),
    await launch(tool, `${name}-both`, courseId),
    await launch(tool, devUsers.tutor, courseId),
    await launch(tool, "dev-tutor-2", courseId),
    await launch(tool, "dev-lead-mentor-1", courseId),
    await launch(tool, devUsers.lead, courseId),
  ];
  if (programme)
    await assignProgramme({
      tenantId: mentor.tenantId,
      contextId: courseId,
      programme: await storeProgrammeVersion({ tenantId: mentor.tenantId, definition: programme, loadedBy: null }),
      assignedBy: lead.userId,
    });
  return { courseId, mentor, both, t1, t2, leadMentor, lead };
}

const sheets = (who: Launched) => api().get("/api/record-sheets").set(bearer(who.token));
const entrySheet = async (who: Launched) =>
  (
    (await sheets(who).expect(200)).body.mine as Array<{
      qualification: { code: string };
      id: string | null;
      version: number;
      status: string;
      signOff: unknown;
    }>
  ).find((s) => s.qualification.code === "ENTRY")!;
const filled = {
  school: "Hillside Primary",
  lastDay: "2026-12-12",
  trainee: "Planned and taught a unit on fractions.",
};

describe("QLMS: a lead mentor's portfolio, judged by the panel like QMS", () => {
  it("a lead mentor builds a QLMS portfolio from their own evidence; two reviewers agree, the lead releases, and the certificate and badge say QLMS", async () => {
    const c = await course("qlms");
    const round = await api()
      .post("/api/panel/rounds")
      .set(bearer(c.lead.token))
      .send({ name: "QLMS panel", date: dayFromToday(5), memberUserIds: [c.t1.userId, c.t2.userId] })
      .expect(201);
    const session = await api().get("/api/session").set(bearer(c.leadMentor.token)).expect(200);
    expect(session.body).toMatchObject({ roles: ["leadMentor"], abilities: { buildPortfolio: true } });

    // Evidence of guiding other mentors, linked to the standards, dated across a year.
    const first = await addEvidence(tool, c.leadMentor, {
      title: "Training new mentors in observation feedback",
      practiceDate: "2025-09-15",
      standards: [{ standardCode: "4", descriptorCode: null, note: "Led the cluster's moderation of judgements." }],
    });
    const second = await addEvidence(tool, c.leadMentor, {
      title: "Coaching a mentor through a difficult conversation",
      practiceDate: "2026-07-01",
    });
    const portfolio = await openPortfolio(tool, c.leadMentor, "QLMS");
    await include(tool, c.leadMentor, portfolio.id, first.id);
    await include(tool, c.leadMentor, portfolio.id, second.id);
    // Their evidence stays their own: another mentor cannot see it.
    await api().get(`/api/evidence/${first.id}`).set(bearer(c.mentor.token)).expect(404);

    const submitted = await api()
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(c.leadMentor.token))
      .send({ expectedVersion: portfolio.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const versionId = submitted.body.id as string;
    // The holder cannot judge their own portfolio, and one reviewer alone issues nothing.
    await confirmOutcome(tool, {
      versionId,
      reviewers: [c.t1, c.t2],
      lead: c.lead,
      outcome: "approved",
      standardCodes: standards,
    });
    expect(await Certificate.countDocuments({ mentorUserId: c.leadMentor.userId, contextId: c.courseId })).toBe(0);
    await releaseAfterPanel(tool, c.lead, round.body.id);

    const mine = await api().get("/api/certificates").set(bearer(c.leadMentor.token)).expect(200);
    expect(mine.body.certificates).toHaveLength(1);
    const cert = mine.body.certificates[0];
    expect(cert).toMatchObject({
      qualification: { code: "QLMS", title: "Qualified Lead Mentor Status" },
      status: "valid",
      credits: null,
      mentor: { userId: "dev-lead-mentor-1" },
    });
    const badge = await api()
      .get(`/api/certificates/${cert.id}/badge`)
      .set(bearer(c.leadMentor.token))
      .buffer(true)
      .parse((res, cb) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => cb(null, text));
      });
    expect(badge.status).toBe(200);
    const credential = JSON.parse(badge.body as string);
    expect(credential.credentialSubject.achievement.name).toBe("Qualified Lead Mentor Status");
    expect(credential.name).toBe("Qualified Lead Mentor Status");
  });
});

describe("certification by record-sheet sign-off", () => {
  it("the mentor completes the sheet, their link tutor signs it off, the lead releases, the certificate is issued; revocation reaches it; the decision record states each step", async () => {
    const c = await course("sheet", sheetProgramme());
    await api()
      .put(`/api/support/mentors/${c.mentor.userId}`)
      .set(bearer(c.lead.token))
      .send({ linkTutorUserId: c.t1.userId })
      .expect(200);

    const blank = await entrySheet(c.mentor);
    expect(blank).toMatchObject({ id: null, status: "draft", version: 0 });
    // Only qualifications the programme certifies by sign-off have a sheet.
    expect(
      ((await sheets(c.mentor)).body.mine as Array<{ qualification: { code: string } }>).map(
        (s) => s.qualification.code,
      ),
    ).toEqual(["ENTRY"]);

    const saved = await api()
      .put("/api/record-sheets/ENTRY")
      .set(bearer(c.mentor.token))
      .send({ values: { school: "Hillside Primary" }, expectedVersion: 0 })
      .expect(200);
    expect(saved.body).toMatchObject({
      status: "draft",
      values: { school: "Hillside Primary" },
      abilities: { edit: true },
    });
    const missing = await api()
      .post("/api/record-sheets/ENTRY/submit")
      .set(bearer(c.mentor.token))
      .send({ values: { school: "Hillside Primary", lastDay: "" }, expectedVersion: saved.body.version });
    expect(missing.status).toBe(400);
    expect(badFields(missing.body)).toEqual(["body.values.lastDay"]);
    expect(missing.body.error.message).toMatch(/Last day of the placement: must be filled in/);
    const early = await api()
      .post("/api/record-sheets/ENTRY/submit")
      .set(bearer(c.mentor.token))
      .send({ values: filled, expectedVersion: saved.body.version });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/complete modules M1, M2 first/);
    await passModules(c.mentor, ["M1", "M2"]);
    const submitted = await api()
      .post("/api/record-sheets/ENTRY/submit")
      .set(bearer(c.mentor.token))
      .send({ values: filled, expectedVersion: saved.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ status: "submitted", abilities: { edit: false } });
    const sheetId = submitted.body.id as string;
    expect(
      (
        await api()
          .put("/api/record-sheets/ENTRY")
          .set(bearer(c.mentor.token))
          .send({ values: filled, expectedVersion: submitted.body.version })
      ).status,
    ).toBe(409);

    // Only the signer the programme names: another tutor may read it but not sign; a lead mentor who is not theirs does not see it.
    const other = await api()
      .post(`/api/record-sheets/${sheetId}/sign-off`)
      .set(bearer(c.t2.token))
      .send({ expectedVersion: submitted.body.version });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/Only the mentor's link tutor or lead mentor/);
    expect(
      (
        await api()
          .post(`/api/record-sheets/${sheetId}/sign-off`)
          .set(bearer(c.leadMentor.token))
          .send({ expectedVersion: submitted.body.version })
      ).status,
    ).toBe(404);
    expect(
      (
        await api()
          .post(`/api/record-sheets/${sheetId}/sign-off`)
          .set(bearer(c.mentor.token))
          .send({ expectedVersion: submitted.body.version })
      ).status,
    ).toBe(403);
    const waiting = (await sheets(c.t1).expect(200)).body;
    expect(waiting.toSignOff.map((s: { id: string }) => s.id)).toEqual([sheetId]);
    expect(waiting.toSignOff[0]).toMatchObject({
      values: filled,
      mentor: { name: "Robin Hale" },
      abilities: { signOff: true },
    });

    const signed = await api()
      .post(`/api/record-sheets/${sheetId}/sign-off`)
      .set(bearer(c.t1.token))
      .send({ comment: "A strong first placement.", expectedVersion: submitted.body.version });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body).toMatchObject({
      status: "signed",
      signOff: { userId: c.t1.userId, role: "linkTutor", comment: "A strong first placement." },
    });
    expect(
      (
        await api()
          .post(`/api/record-sheets/${sheetId}/sign-off`)
          .set(bearer(c.t1.token))
          .send({ expectedVersion: submitted.body.version })
      ).status,
    ).toBe(409);

    // Signed, not released: nothing reaches the mentor.
    expect(await entrySheet(c.mentor)).toMatchObject({ status: "submitted", signOff: null });
    expect((await api().get("/api/certificates").set(bearer(c.mentor.token))).body.certificates).toEqual([]);
    expect(
      (
        await api()
          .post(`/api/record-sheets/${sheetId}/release`)
          .set(bearer(c.t1.token))
          .send({ expectedVersion: signed.body.version })
      ).status,
    ).toBe(403);
    expect((await sheets(c.lead)).body.toRelease.map((s: { id: string }) => s.id)).toEqual([sheetId]);

    const released = await api()
      .post(`/api/record-sheets/${sheetId}/release`)
      .set(bearer(c.lead.token))
      .send({ expectedVersion: signed.body.version });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.status).toBe("released");
    expect(await entrySheet(c.mentor)).toMatchObject({ status: "released", signOff: { role: "linkTutor" } });
    const certs = (await api().get("/api/certificates").set(bearer(c.mentor.token)).expect(200)).body.certificates;
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({
      qualification: { code: "ENTRY" },
      status: "valid",
      issuedAt: released.body.releasedAt,
    });
    const notices = (await api().get("/api/notices").set(bearer(c.mentor.token))).body.notices;
    // Told of the release and of the certificate (#17 item 5).
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "outcome_released", title: "Your ENTRY record sheet is signed off" }),
        expect.objectContaining({ kind: "certificate_issued", link: "/credentials" }),
      ]),
    );
    expect(notices).toHaveLength(2);
    // A second release issues nothing more.
    expect(
      (
        await api()
          .post(`/api/record-sheets/${sheetId}/release`)
          .set(bearer(c.lead.token))
          .send({ expectedVersion: released.body.version })
      ).status,
    ).toBe(409);
    expect(await Certificate.countDocuments({ contextId: c.courseId, mentorUserId: c.mentor.userId })).toBe(1);

    const revoked = await api()
      .post(`/api/certificates/${certs[0].id}/revoke`)
      .set(bearer(c.lead.token))
      .send({ reason: "Signed off in error." });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");

    const entries = await DecisionEntry.find({ contextId: c.courseId, subject: `record-sheet:${sheetId}` })
      .sort({ seq: 1 })
      .lean();
    expect(entries.map((e) => [e.kind, e.actorUserId, e.after])).toEqual([
      ["outcome", c.t1.userId, "ENTRY signed off (link tutor)"],
      ["release", c.lead.userId, "released"],
    ]);
    const verify = await api().get("/api/decisions/verify").set(bearer(c.lead.token)).expect(200);
    expect(verify.body).toMatchObject({ isIntact: true });
  });

  it("refuses to let someone sign off their own record sheet, whatever roles they hold", async () => {
    const c = await course("ownsheet", sheetProgramme());
    const session = await api().get("/api/session").set(bearer(c.both.token)).expect(200);
    expect(session.body.roles).toEqual(["tutor", "mentor"]);
    // Nobody can be named their own link tutor; the policy refuses one's own sheet even so (policies/recordSheet.test.ts).
    const selfTutor = await api()
      .put(`/api/support/mentors/${c.both.userId}`)
      .set(bearer(c.lead.token))
      .send({ linkTutorUserId: c.both.userId });
    expect(selfTutor.status).toBe(400);
    expect(selfTutor.body.error.message).toBe("Link tutor: a mentor cannot be their own link tutor");
    await passModules(c.both, ["M1", "M2"]);
    const submitted = await api()
      .post("/api/record-sheets/ENTRY/submit")
      .set(bearer(c.both.token))
      .send({ values: filled, expectedVersion: 0 })
      .expect(201);
    expect(submitted.body.abilities.signOff).toBe(false);
    expect((await sheets(c.both)).body.toSignOff).toEqual([]);
    const own = await api()
      .post(`/api/record-sheets/${submitted.body.id}/sign-off`)
      .set(bearer(c.both.token))
      .send({ expectedVersion: submitted.body.version });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      "You cannot sign off your own record sheet. The person your programme names (your link tutor, lead mentor or coordinating mentor) must do it.",
    );
    expect((await entrySheet(c.both)).status).toBe("submitted");
  });

  it("needs a launch, and names a bad sheet id", async () => {
    await api().get("/api/record-sheets").expect(401);
    const c = await course("sheetinput", sheetProgramme());
    const bad = await api()
      .post("/api/record-sheets/not-an-id/sign-off")
      .set(bearer(c.t1.token))
      .send({ expectedVersion: 0 });
    expect(bad.status).toBe(400);
    expect(badFields(bad.body)).toEqual(["params.sheetId"]);
    expect(
      (await api().put("/api/record-sheets/ENTRY").set(bearer(c.t1.token)).send({ values: {}, expectedVersion: 0 }))
        .status,
    ).toBe(403);
    expect(
      (await api().put("/api/record-sheets/QMS").set(bearer(c.mentor.token)).send({ values: {}, expectedVersion: 0 }))
        .status,
    ).toBe(404);
  });
});
