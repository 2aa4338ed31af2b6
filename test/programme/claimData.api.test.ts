import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { awardCreditsIfEligible } from "../../server/src/commands/creditAwarder";
import { Member } from "../../server/src/models/member";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { bearer, devCourse, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { buildApproval, buildPassedModules, devTenantId } from "../credentials/factories";
import { badFields, launchCast } from "./helpers";

let tool: RunningTool;
let mentor: string, mentor2: string, tutor: string, lead: string, otherTutor: string;

beforeAll(async () => {
  tool = await startTestTool();
  ({ mentor, mentor2, tutor, lead, otherTutor } = await launchCast(tool));
});
afterAll(() => tool?.close());

const api = () => request(tool.url);
const log = (token: string, entry: Record<string, unknown>) => api().post("/api/hours").set(bearer(token)).send(entry);
const csvRows = (text: string) =>
  text
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));

describe("who the mentor is", () => {
  it("keeps the LIS claim's sourcedId, email and names from the launch", async () => {
    const member = await Member.findOne({ userId: devUsers.mentor, contextId: devCourse }).lean();
    expect(member).toMatchObject({
      sourcedId: "STU-100001",
      email: "alex.morgan@oakfield.example",
      givenName: "Alex",
      familyName: "Morgan",
    });
    const profile = await api().get("/api/profile").set(bearer(mentor)).expect(200);
    expect(profile.body).toMatchObject({
      sourcedId: "STU-100001",
      givenName: "Alex",
      familyName: "Morgan",
      trn: null,
      schoolUrn: null,
      asksDateOfBirth: false,
      dateOfBirth: null,
      canEdit: true,
    });
  });

  it("validates TRN (7 digits) and school URN (6 digits), naming the field as the form labels it", async () => {
    expect((await api().put("/api/profile").send({ trn: "1234567", schoolUrn: "123456" })).status).toBe(401);
    const bad = await api()
      .put("/api/profile")
      .set(bearer(mentor))
      .send({ trn: "123456", schoolUrn: "12345A" })
      .expect(400);
    expect(badFields(bad.body).sort()).toEqual(["body.schoolUrn", "body.trn"]);
    expect(bad.body.error.message).toMatch(/Teacher reference number \(TRN\) must be exactly 7 digits/);
    expect(bad.body.error.message).toMatch(/School URN must be exactly 6 digits/);
    const long = await api()
      .put("/api/profile")
      .set(bearer(mentor))
      .send({ trn: "12345678", schoolUrn: "1234567" })
      .expect(400);
    expect(badFields(long.body).sort()).toEqual(["body.schoolUrn", "body.trn"]);
    expect((await Member.findOne({ userId: devUsers.mentor, contextId: devCourse }).lean())?.trn ?? null).toBeNull();

    const saved = await api()
      .put("/api/profile")
      .set(bearer(mentor))
      .send({ trn: " 1234567 ", schoolUrn: "100001" })
      .expect(200);
    expect(saved.body).toMatchObject({ trn: "1234567", schoolUrn: "100001" });
  });

  it("lets a programme lead edit a mentor's details; a tutor only reads; others do not see them", async () => {
    expect(
      (await api().get(`/api/profile?mentorUserId=${devUsers.mentor}`).set(bearer(tutor)).expect(200)).body,
    ).toMatchObject({ trn: "1234567", canEdit: false });
    await api()
      .put("/api/profile")
      .set(bearer(tutor))
      .send({ mentorUserId: devUsers.mentor, trn: "7654321", schoolUrn: "100001" })
      .expect(403);
    await api().get(`/api/profile?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2)).expect(404);
    await api()
      .put("/api/profile")
      .set(bearer(mentor2))
      .send({ mentorUserId: devUsers.mentor, trn: "7654321", schoolUrn: "100001" })
      .expect(404);
    await api().get(`/api/profile?mentorUserId=${devUsers.mentor}`).set(bearer(otherTutor)).expect(404);
    const byLead = await api()
      .put("/api/profile")
      .set(bearer(lead))
      .send({ mentorUserId: devUsers.mentor2, trn: "2345678", schoolUrn: "100002" })
      .expect(200);
    expect(byLead.body).toMatchObject({ userId: devUsers.mentor2, trn: "2345678", schoolUrn: "100002", canEdit: true });
  });

  it("keeps no date of birth unless the programme asks for it", async () => {
    await api()
      .put("/api/profile")
      .set(bearer(mentor))
      .send({ trn: "1234567", schoolUrn: "100001", dateOfBirth: "1985-04-23" })
      .expect(200);
    const stored = await Member.findOne({ userId: devUsers.mentor, contextId: devCourse }).lean();
    expect(stored?.trn).toBe("1234567");
    expect(stored?.dateOfBirth ?? null).toBeNull();
  });
});

describe("the hours ledger and funding years", () => {
  it("caps funded hours per type and provider, keeps the rest as unfunded and warns when they are logged", async () => {
    const first = await log(mentor, {
      date: "2025-10-01",
      activity: "Initial day 1",
      hours: 10,
      kind: "initial",
      deliveredBy: "Jane Lead (lead mentor)",
    });
    expect(first.status).toBe(201);
    expect(first.body.warnings).toEqual([]);
    const over = await log(mentor, {
      date: "2025-11-01",
      activity: "Initial day 2",
      hours: 8,
      kind: "initial",
      deliveredBy: "Jane Lead (lead mentor)",
    });
    expect(over.body.warnings).toEqual([
      expect.stringMatching(
        /^2 of these 8 hours are beyond the 16-hour cap on initial training .* in 2025\/26: they are kept in the ledger but are not funded\.$/,
      ),
    ]);
    // Another provider's training has its own cap.
    await log(mentor, {
      date: "2025-11-02",
      activity: "Hub session",
      hours: 3,
      kind: "initial",
      provider: "North Hub",
    }).expect(201);
    await log(mentor, {
      date: "2025-11-03",
      activity: "Refresher",
      hours: 7,
      kind: "refresher",
      deliveredBy: "Session 4",
    }).expect(201);
    const exempt = await log(mentor, {
      date: "2025-11-04",
      activity: "Prior learning",
      hours: 4,
      kind: "initial",
      status: "exempted",
    });
    expect(exempt.body.warnings).toEqual([
      expect.stringMatching(/exempted through prior learning, so they are not funded/),
    ]);

    const y = exempt.body.years.find((x: { academicYear: string }) => x.academicYear === "2025/26");
    expect(y).toMatchObject({
      fundingSet: true,
      initialHours: 25,
      refresherHours: 7,
      exemptedHours: 4,
      initialCapHours: 16,
      refresherCapHours: 6,
      initialFundedHours: 19,
      refresherFundedHours: 6,
      claimableHours: 25,
      unfundedHours: 7,
      amountPence: 25 * 4380,
    });
    const day2 = exempt.body.entries.find((e: { activity: string }) => e.activity === "Initial day 2");
    expect(day2).toMatchObject({
      hours: 8,
      fundedHours: 6,
      deliveredBy: "Jane Lead (lead mentor)",
      status: "completed",
    });
    expect(exempt.body.entries.find((e: { activity: string }) => e.activity === "Prior learning")).toMatchObject({
      fundedHours: 0,
      status: "exempted",
    });
  });

  it("names a year the programme does not cover, never using another year's figures; logging still works", async () => {
    const res = await log(mentor, { date: "2026-10-05", activity: "Initial 2026/27", hours: 5, kind: "initial" });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([expect.stringMatching(/^The funding figures for 2026\/27 are not set/)]);
    const y = res.body.years.find((x: { academicYear: string }) => x.academicYear === "2026/27");
    expect(y).toMatchObject({
      fundingSet: false,
      initialHours: 5,
      initialCapHours: null,
      claimableHours: 0,
      amountPence: null,
      rateBand: { pencePerHour: null },
    });
    expect(y.fundingMessage).toMatch(/2026\/27.*programme lead enters 2026\/27's caps and rates/);
    const summary = await api().get("/api/hours/claims?academicYear=2026/27").set(bearer(lead)).expect(200);
    expect(summary.body).toMatchObject({ fundingSet: false, fundingMessage: expect.stringMatching(/2026\/27/) });
    const csv = await api()
      .get("/api/hours/claims.csv")
      .query({ academicYear: "2026/27", urn: "100001" })
      .set(bearer(lead))
      .expect(409);
    expect(csv.body.error.message).toMatch(/funding figures for 2026\/27 are not set/);
    expect((await api().get("/api/hours/funding-years").set(bearer(lead)).expect(200)).body).toMatchObject({
      currentAcademicYear: "2026/27",
      missingCurrentYear: true,
    });
  });

  it("lets only a lead enter a year's caps and rates, which then price that year", async () => {
    const year = {
      academicYear: "2026/27",
      initialCapHours: 16,
      refresherCapHours: 6,
      rates: [
        { code: "national", poundsPerHour: 44.5 },
        { code: "fringe", poundsPerHour: 46 },
        { code: "outer-london", poundsPerHour: 49 },
        { code: "inner-london", poundsPerHour: 54.4 },
      ],
    };
    await api().put("/api/hours/funding-years").set(bearer(tutor)).send(year).expect(403);
    const bad = await api()
      .put("/api/hours/funding-years")
      .set(bearer(lead))
      .send({ ...year, initialCapHours: -1, rates: [{ code: "national", poundsPerHour: 44.5 }] });
    expect(bad.status).toBe(400);
    expect(badFields(bad.body)).toEqual(["body.initialCapHours"]);
    const missingBand = await api()
      .put("/api/hours/funding-years")
      .set(bearer(lead))
      .send({ ...year, rates: [{ code: "national", poundsPerHour: 44.5 }] })
      .expect(400);
    expect(missingBand.body.error.message).toMatch(
      /Rates must give a rate per hour for London fringe, Outer London, Inner London/,
    );
    await api().put("/api/hours/funding-years").set(bearer(lead)).send(year).expect(200);
    const ledger = await api().get("/api/hours").set(bearer(mentor)).expect(200);
    expect(ledger.body.years.find((x: { academicYear: string }) => x.academicYear === "2026/27")).toMatchObject({
      fundingSet: true,
      claimableHours: 5,
      rateBand: { code: "national", pencePerHour: 4450 },
      amountPence: 5 * 4450,
    });
    // 2025/26 keeps its own figures.
    expect(ledger.body.years.find((x: { academicYear: string }) => x.academicYear === "2025/26")).toMatchObject({
      rateBand: { pencePerHour: 4380 },
    });
  });
});

describe("the school's claim and the provider's assurance pack", () => {
  it("exports a school's claim by URN, cell by cell, with CSV-injection-safe cells", async () => {
    await Member.updateOne({ userId: devUsers.mentor2, contextId: devCourse }, { $set: { name: '=HYPERLINK("x")' } });
    await log(mentor2, { date: "2025-10-10", activity: "Initial", hours: 4, kind: "initial" }).expect(201);
    await api()
      .put("/api/hours/rate-bands")
      .set(bearer(lead))
      .send({ school: "Oakfield Primary", band: "inner-london" })
      .expect(200);

    await api()
      .get("/api/hours/claims.csv")
      .query({ academicYear: "2025/26", urn: "100001" })
      .set(bearer(tutor))
      .expect(403);
    const bad = await api()
      .get("/api/hours/claims.csv")
      .query({ academicYear: "2025-26", urn: "10001" })
      .set(bearer(lead))
      .expect(400);
    expect(badFields(bad.body).sort()).toEqual(["query.academicYear", "query.urn"]);

    const csv = await api()
      .get("/api/hours/claims.csv")
      .query({ academicYear: "2025/26", urn: "100001" })
      .set(bearer(lead))
      .expect(200);
    expect(csv.headers["content-disposition"]).toMatch(/funding-claim-100001-2025-26\.csv/);
    expect(csvRows(csv.text)).toEqual([
      [
        "School URN",
        "School",
        "Academic year",
        "TRN",
        "Mentor name",
        "Training type",
        "Funded hours",
        "Unfunded hours",
        "Rate band",
        "Rate per hour (£)",
        "Amount (£)",
      ],
      [
        "100001",
        "Oakfield Primary",
        "2025/26",
        "1234567",
        "Alex Morgan",
        "initial",
        "19",
        "6",
        "Inner London",
        "53.60",
        "1018.40",
      ],
      [
        "100001",
        "Oakfield Primary",
        "2025/26",
        "1234567",
        "Alex Morgan",
        "refresher",
        "6",
        "1",
        "Inner London",
        "53.60",
        "321.60",
      ],
      ["Total", "Oakfield Primary", "2025/26", "", "", "", "25", "7", "", "", "1340.00"],
    ]);
    const other = await api()
      .get("/api/hours/claims.csv")
      .query({ academicYear: "2025/26", urn: "100002" })
      .set(bearer(lead))
      .expect(200);
    const lines = other.text.trim().split("\r\n");
    expect(lines[1]).toBe(
      `100002,Riverside Academy,2025/26,2345678,"'=HYPERLINK(""x"")",initial,4,0,Outside London,43.80,175.20`,
    );
    expect(lines).toHaveLength(3);
  });

  it("exports the assurance pack as CSV and PDF to leads only", async () => {
    await api().get("/api/hours/assurance.csv?academicYear=2025/26").set(bearer(tutor)).expect(403);
    await api().get("/api/hours/assurance.csv?academicYear=2025/26").expect(401);
    const csv = await api().get("/api/hours/assurance.csv?academicYear=2025/26").set(bearer(lead)).expect(200);
    const rows = csv.text.trim().split("\r\n");
    expect(rows[0]).toBe(
      "Mentor name,TRN,Workplace,School URN,Date,Training type,Completed or exempted,Hours,Funded hours,Provider,Delivered by,Mentor's hours in the year",
    );
    expect(rows[1]).toBe(
      `"'=HYPERLINK(""x"")",2345678,Riverside Academy,100002,2025-10-10,initial,completed,4,4,Example ITE Partnership,,4`,
    );
    const alex = rows.filter((r) => r.startsWith("Alex Morgan,"));
    expect(alex).toHaveLength(5);
    expect(alex[0].split(",")).toEqual([
      "Alex Morgan",
      "1234567",
      "Oakfield Primary",
      "100001",
      "2025-10-01",
      "initial",
      "completed",
      "10",
      "10",
      "Example ITE Partnership",
      "Jane Lead (lead mentor)",
      "32",
    ]);
    expect(alex[2].split(",").slice(4, 10)).toEqual(["2025-11-02", "initial", "completed", "3", "3", "North Hub"]);
    expect(alex[4].split(",").slice(4, 9)).toEqual(["2025-11-04", "initial", "exempted", "4", "0"]);

    const pdf = await api()
      .get("/api/hours/assurance.pdf?academicYear=2025/26")
      .set(bearer(lead))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await TrainingHoursEntry.countDocuments({ mentorUserId: devUsers.mentor })).toBe(6);
  });
});

describe("the registry's transcript", () => {
  it("ratifying asks for the exam board's date and reference", async () => {
    const tenantId = await devTenantId(tool);
    await buildPassedModules({
      tenantId,
      contextId: devCourse,
      mentorUserId: devUsers.mentor,
      codes: ["M1", "M2", "M3", "M4", "M5", "M6"],
    });
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const { awardId } = await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    await ModuleMark.create({
      tenantId,
      contextId: devCourse,
      recordId: "r-m1",
      mentorUserId: devUsers.mentor,
      moduleCode: "M1",
      attempt: 1,
      versionId: "v",
      kind: "mark",
      score: 65,
      scoreMaximum: 100,
      passed: true,
      feedback: "Good",
      markedBy: devUsers.tutor,
      markedByName: "Dr Jo Reid",
    });
    await ModuleMark.create({
      tenantId,
      contextId: devCourse,
      recordId: "r-m2",
      mentorUserId: devUsers.mentor,
      moduleCode: "M2",
      attempt: 1,
      versionId: "v",
      kind: "mark",
      score: 1,
      scoreMaximum: 1,
      passed: true,
      feedback: "Good",
      markedBy: devUsers.tutor,
      markedByName: "Dr Jo Reid",
    });

    const missing = await api().post(`/api/credits/${awardId}/ratify`).set(bearer(lead)).send({}).expect(400);
    expect(badFields(missing.body).sort()).toEqual(["body.boardDate", "body.boardReference"]);
    expect(missing.body.error.message).toMatch(/Exam board date is required.*Exam board reference is required/);
    const wrong = await api()
      .post(`/api/credits/${awardId}/ratify`)
      .set(bearer(lead))
      .send({ boardDate: "2026-02-30", boardReference: " " })
      .expect(400);
    expect(badFields(wrong.body).sort()).toEqual(["body.boardDate", "body.boardReference"]);
    const ok = await api()
      .post(`/api/credits/${awardId}/ratify`)
      .set(bearer(lead))
      .send({ boardDate: "2026-11-20", boardReference: "EB/2026/14" })
      .expect(200);
    expect(ok.body.history.at(-1)).toMatchObject({
      kind: "ratification",
      boardDate: "2026-11-20",
      boardReference: "EB/2026/14",
    });
  });

  it("carries the identity from the LIS claim, the ratification and the module marks", async () => {
    const csv = await api().get("/api/credits/transcript.csv").set(bearer(lead)).expect(200);
    const [header, ...rows] = csvRows(csv.text);
    expect(header).toEqual([
      "student_id",
      "email",
      "given_name",
      "family_name",
      "mentor_name",
      "lms_user_id",
      "programme",
      "programme_version",
      "code",
      "qualification",
      "credits",
      "fheq_level",
      "award_date",
      "status",
      "exam_board_date",
      "exam_board_reference",
      "module_marks",
    ]);
    const today = new Date().toISOString().slice(0, 10);
    // Version 2: the lead's 2026/27 funding figures above made a new programme version.
    expect(rows).toEqual([
      [
        "STU-100001",
        "alex.morgan@oakfield.example",
        "Alex",
        "Morgan",
        "Alex Morgan",
        devUsers.mentor,
        "MENTOR-DEV",
        "2",
        "MENT7030",
        "MASTERY",
        "30",
        "7",
        today,
        "ratified",
        "2026-11-20",
        "EB/2026/14",
        "M1 65/100 pass; M2 pass",
      ],
    ]);
  });
});
