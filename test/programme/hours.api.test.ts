import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { startTestTool } from "../support/server";
import { bearer, devUsers } from "../support/launch";
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
const year = (body: { years: Array<{ academicYear: string }> }, y: string) =>
  body.years.find((x) => x.academicYear === y);

describe("the training-hours ledger", () => {
  it("needs a launch", async () => {
    expect((await api().get("/api/hours")).status).toBe(401);
    expect((await api().post("/api/hours").send({})).status).toBe(401);
    expect((await api().get("/api/hours/claims.csv?school=x&academicYear=2024/25")).status).toBe(401);
  });

  it("rejects bad entries naming the field, saving nothing", async () => {
    const res = await log(mentor, { date: "2025-02-30", activity: "", hours: 0, kind: "extra" });
    expect(res.status).toBe(400);
    expect(badFields(res.body).sort()).toEqual(["body.activity", "body.date", "body.hours", "body.kind"]);
    const future = await log(mentor, { date: "2099-01-01", activity: "Training", hours: 2, kind: "initial" });
    expect(badFields(future.body)).toEqual(["body.date"]);
    const quarter = await log(mentor, { date: "2025-01-10", activity: "Training", hours: 1.1, kind: "initial" });
    expect(badFields(quarter.body)).toEqual(["body.hours"]);
    expect(await TrainingHoursEntry.countDocuments({})).toBe(0);
  });

  it("applies the programme's caps per academic year and prices them at the school's band", async () => {
    await log(mentor, { date: "2024-09-01", activity: "Mentor training day 1", hours: 12, kind: "initial" });
    await log(mentor, { date: "2025-08-31", activity: "Mentor training day 2", hours: 10, kind: "initial" });
    const res = await log(mentor, {
      date: "2025-03-04",
      activity: "Refresher on feedback",
      hours: 8,
      kind: "refresher",
    });
    expect(res.status).toBe(201);
    expect(res.body.mentor).toMatchObject({ id: devUsers.mentor, school: "Oakfield Primary" });
    expect(year(res.body, "2024/25")).toMatchObject({
      initialHours: 22,
      refresherHours: 8,
      initialCapHours: 20,
      refresherCapHours: 6,
      claimableHours: 26,
      rateBand: { code: "national", pencePerHour: 4380 },
      amountPence: 26 * 4380,
    });
    // 1 September starts the next year; a year the programme does not list has no funding figures.
    await log(mentor, { date: "2025-09-01", activity: "Training 2025/26", hours: 9, kind: "initial" });
    await log(mentor, { date: "2026-08-31", activity: "More training 2025/26", hours: 8, kind: "initial" });
    const later = await log(mentor, { date: "2026-10-01", activity: "Training 2026/27", hours: 12, kind: "initial" });
    expect(year(later.body, "2025/26")).toMatchObject({ initialHours: 17, claimableHours: 16, unfundedHours: 1 });
    expect(year(later.body, "2026/27")).toMatchObject({
      fundingSet: false,
      initialCapHours: null,
      claimableHours: 0,
      amountPence: null,
    });
  });

  it("lets tutors log for the mentors of their course only", async () => {
    const res = await log(tutor, {
      mentorUserId: devUsers.mentor,
      date: "2025-05-01",
      activity: "Observed coaching",
      hours: 1.5,
      kind: "refresher",
    });
    expect(res.status).toBe(201);
    expect(res.body.entries.find((e: { date: string }) => e.date === "2025-05-01")).toMatchObject({
      loggedByName: "Dr Jo Reid",
      hours: 1.5,
    });
    expect(
      (
        await log(otherTutor, {
          mentorUserId: devUsers.mentor,
          date: "2025-05-01",
          activity: "x",
          hours: 1,
          kind: "initial",
        })
      ).status,
    ).toBe(404);
    expect((await api().get(`/api/hours?mentorUserId=${devUsers.mentor}`).set(bearer(otherTutor))).status).toBe(404);
    expect(
      (
        await log(mentor2, {
          mentorUserId: devUsers.mentor,
          date: "2025-05-01",
          activity: "x",
          hours: 1,
          kind: "initial",
        })
      ).status,
    ).toBe(404);
    expect((await api().get(`/api/hours?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2))).status).toBe(404);
    expect((await api().get("/api/hours").set(bearer(mentor2))).body.entries).toEqual([]);
  });

  it("lets a mentor remove only their own entries", async () => {
    const ledger = await api().get("/api/hours").set(bearer(mentor));
    const byTutor = ledger.body.entries.find((e: { loggedByName: string }) => e.loggedByName === "Dr Jo Reid");
    expect(byTutor.canDelete).toBe(false);
    expect((await api().delete(`/api/hours/entries/${byTutor.id}`).set(bearer(mentor))).status).toBe(403);
    expect((await api().delete(`/api/hours/entries/${byTutor.id}`).set(bearer(mentor2))).status).toBe(404);
    expect((await api().delete(`/api/hours/entries/${byTutor.id}`).set(bearer(otherTutor))).status).toBe(404);
    expect((await api().delete("/api/hours/entries/nope").set(bearer(mentor))).status).toBe(400);
    expect((await api().delete(`/api/hours/entries/${byTutor.id}`).set(bearer(tutor))).status).toBe(204);
  });

  it("lets tutors and leads set a school's rate band", async () => {
    expect(
      (
        await api()
          .put("/api/hours/rate-bands")
          .set(bearer(mentor))
          .send({ school: "Oakfield Primary", band: "inner-london" })
      ).status,
    ).toBe(403);
    const bad = await api()
      .put("/api/hours/rate-bands")
      .set(bearer(tutor))
      .send({ school: "Oakfield Primary", band: "mars" });
    expect(badFields(bad.body)).toEqual(["body.band"]);
    expect(
      (
        await api()
          .put("/api/hours/rate-bands")
          .set(bearer(tutor))
          .send({ school: "Oakfield Primary", band: "inner-london" })
      ).status,
    ).toBe(200);
    const ledger = await api().get("/api/hours").set(bearer(mentor));
    expect(year(ledger.body, "2024/25")).toMatchObject({
      rateBand: { code: "inner-london", pencePerHour: 5360 },
      amountPence: 26 * 5360,
    });
    // The band is per course: the other course's tutor sees no setting.
    expect((await api().get("/api/hours/rate-bands").set(bearer(otherTutor))).body.schools).toEqual([]);
  });

  it("exports a school's funding claim for a year to leads only", async () => {
    await log(mentor2, { date: "2024-10-10", activity: "Mentor training", hours: 4, kind: "initial" });
    expect((await api().get("/api/hours/claims?academicYear=2024/25").set(bearer(tutor))).status).toBe(403);
    const missing = await api().get("/api/hours/claims.csv?academicYear=2024-25").set(bearer(lead));
    expect(badFields(missing.body).sort()).toEqual(["query.academicYear", "query.urn"]);
    const summary = await api().get("/api/hours/claims?academicYear=2024/25").set(bearer(lead));
    expect(summary.body.schools).toEqual([
      {
        school: "Oakfield Primary",
        urn: null,
        rateBand: { code: "inner-london", label: "Inner London", pencePerHour: 5360 },
        mentors: 1,
        claimableHours: 26,
        unfundedHours: 4,
        amountPence: 139360,
      },
      {
        school: "Riverside Academy",
        urn: null,
        rateBand: { code: "national", label: "Outside London", pencePerHour: 4380 },
        mentors: 1,
        claimableHours: 4,
        unfundedHours: 0,
        amountPence: 17520,
      },
    ]);
    // Claims are per school URN: once the mentor enters theirs, their hours count under it.
    await api().put("/api/profile").set(bearer(mentor)).send({ trn: "1234567", schoolUrn: "100001" }).expect(200);
    const csv = await api()
      .get("/api/hours/claims.csv")
      .query({ urn: "100001", academicYear: "2024/25" })
      .set(bearer(lead));
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/funding-claim-100001-2024-25\.csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "School URN,School,Academic year,TRN,Mentor name,Training type,Funded hours,Unfunded hours,Rate band,Rate per hour (£),Amount (£)",
    );
    expect(lines[1]).toBe(
      "100001,Oakfield Primary,2024/25,1234567,Alex Morgan,initial,20,2,Inner London,53.60,1072.00",
    );
    expect(lines[2]).toBe(
      "100001,Oakfield Primary,2024/25,1234567,Alex Morgan,refresher,6,2,Inner London,53.60,321.60",
    );
    expect(lines).toHaveLength(4);
    expect(csv.text).not.toMatch(/Sam Patel/);
  });

  // Logging answers with the ledger its figures' refresh read (one read of the entries, not two):
  // it must be the ledger a read gives, in the read's order (date, then id, newest first).
  it("answers a logged (or restored) entry with the ledger exactly as reading it gives", async () => {
    const ledgerOf = async () => (await api().get("/api/hours").set(bearer(mentor2))).body;
    const entries = [
      { date: "2024-11-05", activity: "Same day, first", hours: 2, kind: "initial" },
      { date: "2024-11-05", activity: "Same day, second", hours: 1.25, kind: "refresher" },
      { date: "2024-09-15", activity: "Logged late, done early", hours: 3, kind: "initial" },
      { date: "2024-11-05", activity: "Same day, third", hours: 0.5, kind: "initial" },
      { date: "2025-01-20", activity: "Over the refresher cap", hours: 6, kind: "refresher" },
    ];
    for (const [i, entry] of entries.entries()) {
      // One by the tutor, so an entry logged for the mentor shows as theirs too.
      const res = i === 1 ? await log(tutor, { mentorUserId: devUsers.mentor2, ...entry }) : await log(mentor2, entry);
      expect(res.status).toBe(201);
      const read = await ledgerOf();
      if (i === 1) {
        // The tutor's answer is the tutor's view of the mentor's ledger (who may delete differs).
        const asTutor = await api().get(`/api/hours?mentorUserId=${devUsers.mentor2}`).set(bearer(tutor));
        expect(res.body).toEqual({ ...asTutor.body, warnings: res.body.warnings });
      } else expect(res.body).toEqual({ ...read, warnings: res.body.warnings });
      // Only the hours beyond the refresher cap (6 in 2024/25) are warned about.
      expect(res.body.warnings).toHaveLength(i === 4 ? 1 : 0);
      if (i === 2) {
        // A removed entry is in neither answer.
        const removed = read.entries.find((e: { activity: string }) => e.activity === "Same day, first");
        expect((await api().delete(`/api/hours/entries/${removed.id}`).set(bearer(mentor2))).status).toBe(204);
      }
    }
    const last = await log(mentor2, { date: "2024-11-05", activity: "Same day, last", hours: 1, kind: "initial" });
    const read = await ledgerOf();
    expect(last.body).toEqual({ ...read, warnings: [] });
    expect(read.entries.map((e: { activity: string }) => e.activity)).toEqual([
      "Over the refresher cap",
      "Same day, last",
      "Same day, third",
      "Same day, second",
      "Mentor training",
      "Logged late, done early",
    ]);
    // Restoring from the bin answers with the ledger as a read gives it too, the entry back in place.
    const binned = (await api().get("/api/hours/bin").set(bearer(mentor2))).body.entries[0];
    const restored = await api().post(`/api/hours/entries/${binned.id}/restore`).set(bearer(mentor2));
    expect(restored.status).toBe(200);
    const reread = await ledgerOf();
    expect(restored.body).toEqual(reread);
    expect(reread.entries.map((e: { activity: string }) => e.activity).slice(1, 5)).toEqual([
      "Same day, last",
      "Same day, third",
      "Same day, second",
      "Same day, first",
    ]);
  });
});
