import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { jobNames } from "../../server/src/jobs/jobNames";
import { Member } from "../../server/src/models/member";
import { startTestTool } from "../support/server";
import { bearer, devUsers, otherCourse } from "../support/launch";
import {
  addEvidence,
  confirmOutcome,
  dayFromToday,
  include,
  launch,
  openPortfolio,
  passModules,
  pngBytes,
  releaseAfterPanel,
  type Launched,
} from "../portfolio/support";
import { binary } from "./factories";

let tool: RunningTool;
let mentor: Launched, mentor2: Launched, tutor: Launched, tutor2: Launched, lead: Launched, tutorElsewhere: Launched;
let versionId: string;
const api = () => request(tool.url);
const allMet = {
  judgements: defaultProgramme().standards.map((s) => ({
    standardCode: s.code,
    judgement: "met",
    comment: `Standard ${s.code} is well evidenced.`,
  })),
};

// One journey through the real API: modules passed, a Mastery portfolio with an attachment,
// a panel round, approval by two reviewers, release by the lead. Release must issue the
// certificate and the provisional credit.
beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  tutor = await launch(tool, devUsers.tutor);
  tutor2 = await launch(tool, "dev-tutor-2");
  lead = await launch(tool, devUsers.lead);
  tutorElsewhere = await launch(tool, devUsers.tutor, otherCourse);
  await passModules(mentor, ["M1", "M2", "M3", "M4", "M5", "M6"]);

  const portfolio = await openPortfolio(tool, mentor, "MASTERY");
  const first = await addEvidence(tool, mentor, {
    title: "Observation log",
    practiceDate: "2025-10-01",
    narrativeHtml: "<p>Weekly <strong>feedback</strong> &amp; targets.</p>",
  });
  const last = await addEvidence(tool, mentor, {
    title: "End-of-year review",
    practiceDate: "2026-09-01",
    standards: [{ standardCode: "4", descriptorCode: null, note: "" }],
  });
  await api()
    .post(`/api/evidence/${first.id}/attachments`)
    .set(bearer(mentor.token))
    .attach("file", pngBytes, { filename: "board.png", contentType: "image/png" })
    .expect(201);
  await include(tool, mentor, portfolio.id, first.id);
  await include(tool, mentor, portfolio.id, last.id);
  await api()
    .patch(`/api/portfolios/${portfolio.id}`)
    .set(bearer(mentor.token))
    .send({ narrativeHtml: "<p>My year as a mentor.</p>", expectedVersion: portfolio.version })
    .expect(200);
  const roundId = (
    await api()
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Spring panel", date: dayFromToday(30), memberUserIds: [tutor.userId, tutor2.userId] })
      .expect(201)
  ).body.id as string;
  const draft = await api().get(`/api/portfolios/${portfolio.id}`).set(bearer(mentor.token)).expect(200);
  const submitted = await api()
    .post(`/api/portfolios/${portfolio.id}/submit`)
    .set(bearer(mentor.token))
    .send({ expectedVersion: draft.body.version });
  if (submitted.status !== 201)
    throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  versionId = submitted.body.id;
  await api().put(`/api/panel/versions/${versionId}/judgements`).set(bearer(tutor.token)).send(allMet).expect(200);
  await api()
    .post(`/api/panel/versions/${versionId}/review`)
    .set(bearer(tutor.token))
    .send({ outcome: "approved", summary: "All standards met." })
    .expect(201);
  await confirmOutcome(tool, {
    versionId,
    reviewers: [tutor2],
    lead,
    outcome: "approved",
    standardCodes: defaultProgramme().standards.map((s) => s.code),
  });
  // Confirmed but not released: nothing has reached the mentor yet.
  const early = (await api().get("/api/certificates").set(bearer(mentor.token)).expect(200)).body.certificates;
  if (early.length !== 0) throw new Error("a certificate was issued before the round was released");
  await releaseAfterPanel(tool, lead, roundId);
});
afterAll(async () => tool?.close());

describe("panel approval", () => {
  it("issues the certificate and a provisional 30-credit award for the mentor", async () => {
    const certs = (await api().get("/api/certificates").set(bearer(mentor.token)).expect(200)).body.certificates;
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({
      qualification: { code: "MASTERY" },
      portfolio: { versionId, versionNumber: 1 },
      status: "valid",
      credits: 30,
    });
    const awards = (await api().get("/api/credits").set(bearer(mentor.token)).expect(200)).body.awards;
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ status: "provisional", credits: 30, fheqLevel: 7 });
    expect(awards[0].evidence.at(-1)).toMatchObject({
      condition: "qualification:MASTERY",
      reference: `certificate:${certs[0].verificationCode}`,
    });
  });
});

describe("portfolio version exports", () => {
  it("gives the mentor, the panel and the lead a PDF; nobody else", async () => {
    const url = `/api/exports/portfolio-versions/${versionId}/pdf`;
    await api().get(url).expect(401);
    const bad = await api().get("/api/exports/portfolio-versions/nope/pdf").set(bearer(mentor.token)).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("params.versionId");
    for (const who of [mentor2, tutorElsewhere]) await api().get(url).set(bearer(who.token)).expect(404);
    for (const who of [mentor, tutor, lead]) {
      const res = await api().get(url).set(bearer(who.token)).buffer(true).parse(binary).expect(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("gives a ZIP with the PDF, a JSON summary and the attachments", async () => {
    const url = `/api/exports/portfolio-versions/${versionId}/zip`;
    await api().get(url).expect(401);
    await api().get(url).set(bearer(mentor2.token)).expect(404);
    const res = await api().get(url).set(bearer(mentor.token)).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    const zip = res.body as Buffer;
    expect(zip.subarray(0, 2).toString()).toBe("PK");
    const names = zip.toString("latin1");
    expect(names).toContain("portfolio.pdf");
    expect(names).toContain("portfolio.json");
    expect(names).toContain("evidence/01-Observation log/board.png");
  });
});

describe("GET /api/dashboard", () => {
  it("is the programme lead's: 401 without a launch, 403 for others, 400 naming the field", async () => {
    await api().get("/api/dashboard").expect(401);
    await api().get("/api/dashboard").set(bearer(tutor.token)).expect(403);
    await api().get("/api/dashboard").set(bearer(mentor.token)).expect(403);
    const bad = await api().get("/api/dashboard?academicYear=2026").set(bearer(lead.token)).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("query.academicYear");
  });

  it("counts completion, portfolios, certificates, credits and hours for the lead's course only", async () => {
    const before = (await api().get("/api/dashboard").set(bearer(lead.token)).expect(200)).body;
    expect(before.mentors).toBeGreaterThanOrEqual(2);
    expect(before.modules.find((m: { code: string }) => m.code === "M6")).toMatchObject({ completed: 1 });
    expect(before.levels).toEqual([
      expect.objectContaining({ code: "entry", mentorsCompleted: 1 }),
      expect.objectContaining({ code: "mastery", mentorsCompleted: 1 }),
    ]);
    expect(before.portfolios.byState.approved).toBe(1);
    expect(before.portfolios.byRound[0]).toMatchObject({ name: "Spring panel", total: 1 });
    expect(before.certificates).toMatchObject({ issued: 1, revoked: 0 });
    expect(before.credits).toMatchObject({
      provisional: 1,
      ratified: 0,
      reversed: 0,
      provisionalCredits: 30,
      ratifiedCredits: 0,
    });

    const awardId = (await api().get("/api/credits").set(bearer(lead.token))).body.awards[0].id;
    await api()
      .post(`/api/credits/${awardId}/ratify`)
      .set(bearer(lead.token))
      .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      .expect(200);
    await api()
      .post("/api/hours")
      .set(bearer(mentor.token))
      .send({ date: "2026-10-05", activity: "Module 3 workshop", hours: 2.5, kind: "initial" })
      .expect(201);
    await launch(tool, devUsers.mentor2, otherCourse); // so the other course knows the mentor
    await api()
      .post("/api/hours")
      .set(bearer(tutorElsewhere.token))
      .send({ mentorUserId: devUsers.mentor2, date: "2026-10-05", activity: "Elsewhere", hours: 4, kind: "initial" })
      .expect(201);
    const after = (await api().get("/api/dashboard").set(bearer(lead.token)).expect(200)).body;
    expect(after.credits).toMatchObject({ provisional: 0, ratified: 1, provisionalCredits: 0, ratifiedCredits: 30 });
    expect(after.trainingHours).toMatchObject({
      total: 2.5,
      initial: 2.5,
      refresher: 0,
      byYear: [{ academicYear: "2026/27", hours: 2.5 }],
    });
    expect(after.schools.reduce((n: number, s: { mentors: number }) => n + s.mentors, 0)).toBe(after.mentors);
    // The one mentor who has passed every module is counted in their own school, and only there.
    const member = await Member.findOne({ contextId: mentor.courseId, userId: mentor.userId }).lean();
    const schoolOf = (s: { school: string | null }) => s.school === (member!.school ?? null);
    expect(
      after.schools
        .filter(schoolOf)
        .map((s: { completedAllModules: number; trainingHours: number }) => [s.completedAllModules, s.trainingHours]),
    ).toEqual([[1, 2.5]]);
    expect(
      after.schools
        .filter((s: { school: string | null }) => !schoolOf(s))
        .every((s: { completedAllModules: number }) => s.completedAllModules === 0),
    ).toBe(true);
    expect(
      (await api().get("/api/dashboard?academicYear=2025/26").set(bearer(lead.token)).expect(200)).body.trainingHours
        .total,
    ).toBe(0);

    // Schools are picked from those in the course: one no mentor is at is refused, naming the field.
    const unknown = (await api().get("/api/dashboard?school=No%20such%20school").set(bearer(lead.token)).expect(400))
      .body;
    expect(unknown.error.message).toMatch(
      /^School: no mentor on this course is at “No such school”: pick a school from the list\.$/,
    );
    // Matched without regard to case or spacing: the same figures as the course's own spelling.
    const own = (
      await api()
        .get(`/api/dashboard?school=${encodeURIComponent(member!.school!)}`)
        .set(bearer(lead.token))
        .expect(200)
    ).body;
    const lower = (
      await api()
        .get(`/api/dashboard?school=${encodeURIComponent(` ${member!.school!.toLowerCase()} `)}`)
        .set(bearer(lead.token))
        .expect(200)
    ).body;
    expect(own.mentors).toBeGreaterThan(0);
    expect({ ...lower, asOf: null, isRefreshing: null }).toEqual({ ...own, asOf: null, isRefreshing: null });
  });

  it("reuses the counted figures until the course changes, and counts again when asked", async () => {
    const read = async (query = "") =>
      (await api().get(`/api/dashboard${query}`).set(bearer(lead.token)).expect(200)).body;
    // Reads never count into the database: the dashboard-recount job stores a course's counters.
    expect(await tool.jobs.runNow(jobNames.dashboardRecount)).toBe("succeeded");
    const first = await read();
    const again = await read();
    expect(again.asOf).toBe(first.asOf);
    expect(again.isRefreshing).toBe(false);
    // The same figures carry the same ETag, so a browser's conditional reread costs no body.
    const tagged = await api()
      .get("/api/dashboard")
      .set(bearer(lead.token))
      .expect(200)
      .expect("Content-Type", /application\/json/);
    expect(tagged.headers.etag).toMatch(/^W\/"/);
    await api().get("/api/dashboard").set(bearer(lead.token)).set("If-None-Match", tagged.headers.etag).expect(304);

    await api()
      .post("/api/hours")
      .set(bearer(mentor.token))
      .send({ date: "2026-10-06", activity: "Observation", hours: 1, kind: "refresher" })
      .expect(201);
    const changed = await read();
    expect(Date.parse(changed.asOf)).toBeGreaterThan(Date.parse(first.asOf));
    expect(changed.trainingHours.refresher).toBe(first.trainingHours.refresher + 1);
    // A refused write changes nothing, so the figures are reused.
    await api()
      .post("/api/hours")
      .set(bearer(mentor.token))
      .send({ date: "not a date", activity: "x", hours: 1, kind: "refresher" })
      .expect(400);
    expect((await read()).asOf).toBe(changed.asOf);

    const forced = await read("?fresh=true");
    expect(Date.parse(forced.asOf)).toBeGreaterThan(Date.parse(changed.asOf));
    const bad = await api().get("/api/dashboard?fresh=yes").set(bearer(lead.token)).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("query.fresh");
  });
});
