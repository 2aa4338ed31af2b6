import { beforeAll, describe, expect, it } from "vitest";
import { bearer, devUsers } from "../support/launch";
import { badFields, completeEntryAudit, prepareModule, useToolWithCast } from "./helpers";

const t = useToolWithCast();
let mentor: string, mentor2: string, tutor: string, lead: string, otherTutor: string;
beforeAll(() => {
  ({ mentor, mentor2, tutor, lead, otherTutor } = t.cast);
});
const api = () => t.api();
const today = () => new Date().toISOString().slice(0, 10);
type Row = { id: string; name: string };

describe("GET /api/mentors", () => {
  it("needs a launch", async () => {
    expect((await api().get("/api/mentors")).status).toBe(401);
  });

  it("is for the course's tutors and leads, not its mentors", async () => {
    const res = await api().get("/api/mentors").set(bearer(mentor));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("lists the course's mentors with their progress and this year's hours", async () => {
    await completeEntryAudit(t.tool, mentor);
    await prepareModule(t.tool, mentor, "M1");
    expect((await api().post("/api/modules/M1/submit").set(bearer(mentor))).status).toBe(201);
    // The "tutors log training hours for them": through the same ledger endpoint.
    const logged = await api().post("/api/hours").set(bearer(tutor)).send({
      mentorUserId: devUsers.mentor,
      date: today(),
      activity: "Coaching session",
      hours: 2.5,
      kind: "initial",
    });
    expect(logged.status).toBe(201);

    const res = await api().get("/api/mentors").set(bearer(tutor));
    expect(res.status).toBe(200);
    expect(res.body.academicYear).toBe(logged.body.currentAcademicYear);
    const byId = Object.fromEntries(res.body.mentors.map((m: Row) => [m.id, m]));
    expect(byId[devUsers.mentor]).toEqual({
      id: devUsers.mentor,
      name: "Alex Morgan",
      school: "Oakfield Primary",
      modulesPassed: 0,
      modulesTotal: 6,
      modulesSubmitted: 1,
      hoursThisYear: 2.5,
    });
    expect(byId[devUsers.mentor2]).toMatchObject({
      name: "Sam Patel",
      school: "Riverside Academy",
      modulesSubmitted: 0,
      hoursThisYear: 0,
    });
    // Staff are not mentors.
    expect(res.body.mentors.map((m: Row) => m.id)).not.toContain(devUsers.tutor);
    expect((await api().get("/api/mentors").set(bearer(lead))).body.mentors.map((m: Row) => m.id)).toContain(
      devUsers.mentor,
    );
  });

  it("keeps to the actor's course: another course's tutor sees none of these mentors or their pages", async () => {
    const res = await api().get("/api/mentors").set(bearer(otherTutor));
    expect(res.status).toBe(200);
    expect(res.body.mentors.map((m: Row) => m.id)).not.toContain(devUsers.mentor);
    for (const path of ["/api/modules", "/api/audit", "/api/hours"]) {
      expect((await api().get(`${path}?mentorUserId=${devUsers.mentor}`).set(bearer(otherTutor))).status).toBe(404);
      // Nor may one mentor open another's page.
      expect((await api().get(`${path}?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2))).status).toBe(404);
    }
  });

  it("opens a mentor's pages to staff by id, and refuses a malformed one", async () => {
    for (const path of ["/api/modules", "/api/audit", "/api/hours"]) {
      expect((await api().get(`${path}?mentorUserId=${devUsers.mentor}`).set(bearer(tutor))).status).toBe(200);
      const bad = await api().get(`${path}?mentorUserId=`).set(bearer(tutor));
      expect(bad.status).toBe(400);
      expect(badFields(bad.body)).toEqual(["query.mentorUserId"]);
      expect((await api().get(`${path}?mentorUserId=no-such-mentor`).set(bearer(tutor))).status).toBe(404);
    }
  });

  it("finds mentors by part of a name or school, and by work waiting to be marked", async () => {
    // The earlier test left Alex Morgan (Oakfield Primary) with M1 submitted; Sam Patel has none.
    const ids = async (query: Record<string, string>) => {
      const res = await api().get("/api/mentors").query(query).set(bearer(tutor));
      expect(res.status).toBe(200);
      return { ids: res.body.mentors.map((m: Row) => m.id) as string[], filteredBy: res.body.filteredBy as string };
    };
    const byName = await ids({ search: "  MORG " });
    expect(byName.ids).toEqual([devUsers.mentor]);
    expect(byName.filteredBy).toBe("matching “MORG”");
    expect((await ids({ search: "riverside sam" })).ids).toEqual([devUsers.mentor2]);
    expect((await ids({ search: "nobody-called-this" })).ids).toEqual([]);
    const waiting = await ids({ waitingForMark: "true" });
    expect(waiting.ids).toContain(devUsers.mentor);
    expect(waiting.ids).not.toContain(devUsers.mentor2);
    expect(waiting.filteredBy).toBe("with work waiting to be marked");
    expect((await ids({ waitingForMark: "true", search: "patel" })).ids).toEqual([]);

    const long = await api()
      .get("/api/mentors")
      .query({ search: "x".repeat(101) })
      .set(bearer(tutor));
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain("Search");
    expect(long.body.error.message).toContain("at most 100 characters");
  });
});
