import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { buildApproval, buildPassedModules, devTenantId } from "../credentials/factories";
import { launchCast } from "../programme/helpers";

let tool: RunningTool;
let cast: Awaited<ReturnType<typeof launchCast>>;
let jordan: string;
beforeAll(async () => {
  tool = await startTestTool();
  cast = await launchCast(tool);
  jordan = (await launchAs(tool, { userId: "dev-mentor-4" })).token; // Jordan Hughes, Oakfield Primary
  const tenantId = await devTenantId(tool);
  await buildPassedModules({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor, codes: ["M1", "M2"] });
  await buildPassedModules({ tenantId, contextId: devCourse, mentorUserId: "dev-mentor-4", codes: ["M1"] });
  await buildPassedModules({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor2, codes: ["M1"] });
});
afterAll(() => tool?.close());

const api = () => request(tool.url);
const names = (body: { mentors: Array<{ name: string }> }) => body.mentors.map((m) => m.name);

it("lists the schools present in the course for the filters to pick from, to staff of that course only", async () => {
  expect(jordan).toBeTruthy();
  expect((await api().get("/api/mentors/schools").set(bearer(cast.lead)).expect(200)).body).toEqual({
    schools: ["Oakfield Primary", "Riverside Academy"],
  });
  await api().get("/api/mentors/schools").expect(401);
  await api().get("/api/mentors/schools").set(bearer(cast.mentor)).expect(403);
  expect((await api().get("/api/mentors/schools").set(bearer(cast.otherTutor)).expect(200)).body.schools).not.toContain(
    "Oakfield Primary",
  );
});

it("gives the mentors behind each figure: by school (any case), module passed, level completed, hours in a year", async () => {
  const list = async (query: string) =>
    (await api().get(`/api/mentors?${query}`).set(bearer(cast.lead)).expect(200)).body;
  const oakfield = await list("school=oakfield%20primary");
  expect(names(oakfield)).toEqual(["Alex Morgan", "Jordan Hughes"]);
  expect(oakfield.filteredBy).toBe("at Oakfield Primary");
  expect(names(await list("passedModule=M1"))).toEqual(["Alex Morgan", "Jordan Hughes", "Sam Patel"]);
  expect(names(await list("passedModule=M2&school=Oakfield%20Primary"))).toEqual(["Alex Morgan"]);
  const entry = await list("completedLevel=entry");
  expect(names(entry)).toEqual(["Alex Morgan"]);
  expect(entry.filteredBy).toBe("who completed every Entry level module");
  expect(names(await list("completedAllModules=true"))).toEqual([]);
  await api()
    .post("/api/hours")
    .set(bearer(cast.mentor2))
    .send({ date: "2025-10-01", activity: "Day 1", hours: 3, kind: "initial" })
    .expect(201);
  expect(names(await list("hoursInYear=2025/26"))).toEqual(["Sam Patel"]);
  expect((await list("")).filteredBy).toBeNull();
});

it("refuses filters that name nothing in the course, naming the field as the form labels it", async () => {
  const school = await api().get("/api/mentors?school=Nowhere%20Academy").set(bearer(cast.lead)).expect(400);
  expect(school.body.error.message).toBe(
    "School: no mentor on this course is at “Nowhere Academy”: pick a school from the list.",
  );
  const module = await api().get("/api/mentors?passedModule=M99").set(bearer(cast.lead)).expect(400);
  expect(module.body.error.message).toMatch(/^Module: there is no module M99/);
  const year = await api().get("/api/mentors?hoursInYear=2025").set(bearer(cast.lead)).expect(400);
  expect(year.body.error.message).toMatch(/Academic year for hours/);
  await api().get("/api/mentors?school=Oakfield%20Primary").set(bearer(cast.mentor)).expect(403);
  // Another course's tutor cannot reach this course's schools through the filter.
  await api().get("/api/mentors?school=Oakfield%20Primary").set(bearer(cast.otherTutor)).expect(400);
});

it("gives the mentors behind the portfolio, certificate, credit and hours figures, the same mentors the dashboard counts", async () => {
  const tenantId = await devTenantId(tool);
  const scope = { tenantId, contextId: devCourse };
  // Jordan completes every module and is approved for Mastery (certificate and provisional credit);
  // Alex's Entry certificate is issued and then revoked; Sam opens a portfolio; Alex logs refresher hours.
  await buildPassedModules({ ...scope, mentorUserId: "dev-mentor-4", codes: ["M2", "M3", "M4", "M5", "M6"] });
  await buildApproval({ ...scope, mentorUserId: "dev-mentor-4", qualificationCode: "MASTERY" });
  const entry = await buildApproval({ ...scope, mentorUserId: devUsers.mentor, qualificationCode: "ENTRY" });
  await api()
    .post(`/api/certificates/${entry._id}/revoke`)
    .set(bearer(cast.lead))
    .send({ reason: "Issued in error." })
    .expect(200);
  await api().post("/api/portfolios").set(bearer(cast.mentor2)).send({ qualificationCode: "QMS" }).expect(201);
  await api()
    .post("/api/hours")
    .set(bearer(cast.mentor))
    .send({ date: "2025-11-01", activity: "Refresher day", hours: 2, kind: "refresher" })
    .expect(201);

  const list = async (query: string) =>
    (await api().get(`/api/mentors?${query}`).set(bearer(cast.lead)).expect(200)).body;
  const dashboard = (await api().get("/api/dashboard?fresh=true").set(bearer(cast.lead)).expect(200)).body;
  const qualification = (code: string) =>
    dashboard.certificates.byQualification.find((q: { code: string }) => q.code === code);

  const mastery = await list("certificateIssued=MASTERY");
  expect(names(mastery)).toEqual(["Jordan Hughes"]);
  expect(mastery.mentors).toHaveLength(qualification("MASTERY").issued);
  expect(mastery.filteredBy).toBe("whose Mastery level certificate was issued");
  expect(names(await list("certificateIssued=ENTRY"))).toEqual(["Alex Morgan"]);
  expect(names(await list("certificateRevoked=ENTRY"))).toHaveLength(qualification("ENTRY").revoked);
  expect(names(await list("certificateRevoked=ENTRY"))).toEqual(["Alex Morgan"]);
  expect(names(await list("certificateRevoked=MASTERY"))).toEqual([]);
  expect(names(await list("certificateIssued=ENTRY&school=Riverside%20Academy"))).toEqual([]);

  const provisional = await list("credit=provisional");
  expect(names(provisional)).toEqual(["Jordan Hughes"]);
  expect(provisional.mentors).toHaveLength(dashboard.credits.provisional);
  expect(names(await list("credit=ratified"))).toEqual([]);

  const drafts = await list("portfolioState=draft");
  expect(names(drafts)).toEqual(["Sam Patel"]);
  expect(drafts.mentors).toHaveLength(dashboard.portfolios.byState.draft);
  expect(drafts.filteredBy).toBe("with a portfolio draft");
  expect(names(await list("portfolioState=in_review&portfolioState=needs_lead_decision"))).toEqual([]);

  expect(names(await list("hours=refresher"))).toEqual(["Alex Morgan"]);
  expect(names(await list("hours=initial&hoursInYear=2025/26"))).toEqual(["Sam Patel"]);
  const anyHours = await list("hours=any&hoursInYear=2025/26");
  expect(names(anyHours)).toEqual(["Alex Morgan", "Sam Patel"]);
  expect(anyHours.filteredBy).toBe("with training hours in 2025/26");
  expect(dashboard.trainingHours).toMatchObject({ initial: 3, refresher: 2 });
  expect(names(await list("hours=any&hoursInYear=2024/25"))).toEqual([]);

  // A round of the course with nothing placed in it yet: nobody is behind its figures.
  const round = await api()
    .post("/api/panel/rounds")
    .set(bearer(cast.lead))
    .send({ name: "Autumn panel", date: "2031-03-01", memberUserIds: ["dev-tutor-1"] })
    .expect(201);
  const inRound = await list(`round=${round.body.id}&portfolioState=approved`);
  expect(names(inRound)).toEqual([]);
  expect(inRound.filteredBy).toBe("with a portfolio version approved in panel round Autumn panel");
});

it("refuses figure filters that name nothing in the course", async () => {
  const qualification = await api().get("/api/mentors?certificateIssued=NOPE").set(bearer(cast.lead)).expect(400);
  expect(qualification.body.error.message).toBe(
    "Certificate issued: there is no qualification NOPE in this programme.",
  );
  const round = await api().get("/api/mentors?round=0123456789abcdef01234567").set(bearer(cast.lead)).expect(400);
  expect(round.body.error.message).toBe("Panel round: there is no such panel round on this course.");
  const state = await api().get("/api/mentors?portfolioState=lost").set(bearer(cast.lead)).expect(400);
  expect(state.body.error.message).toMatch(/Portfolio state/);
  const credit = await api().get("/api/mentors?credit=some").set(bearer(cast.lead)).expect(400);
  expect(credit.body.error.message).toMatch(/Credit/);
  await api().get("/api/mentors?credit=provisional").expect(401);
  await api().get("/api/mentors?credit=provisional").set(bearer(cast.mentor)).expect(403);
  // Another course's tutor sees none of this course's mentors behind a figure.
  expect(
    names((await api().get("/api/mentors?certificateIssued=MASTERY").set(bearer(cast.otherTutor)).expect(200)).body),
  ).toEqual([]);
});
