import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { buildPassedModules, devTenantId } from "../credentials/factories";
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
  expect((await api().get("/api/mentors/schools").set(bearer(cast.lead)).expect(200)).body).toEqual({ schools: ["Oakfield Primary", "Riverside Academy"] });
  await api().get("/api/mentors/schools").expect(401);
  await api().get("/api/mentors/schools").set(bearer(cast.mentor)).expect(403);
  expect((await api().get("/api/mentors/schools").set(bearer(cast.otherTutor)).expect(200)).body.schools).not.toContain("Oakfield Primary");
});

it("gives the mentors behind each figure: by school (any case), module passed, level completed, hours in a year", async () => {
  const list = async (query: string) => (await api().get(`/api/mentors?${query}`).set(bearer(cast.lead)).expect(200)).body;
  const oakfield = await list("school=oakfield%20primary");
  expect(names(oakfield)).toEqual(["Alex Morgan", "Jordan Hughes"]);
  expect(oakfield.filteredBy).toBe("at Oakfield Primary");
  expect(names(await list("passedModule=M1"))).toEqual(["Alex Morgan", "Jordan Hughes", "Sam Patel"]);
  expect(names(await list("passedModule=M2&school=Oakfield%20Primary"))).toEqual(["Alex Morgan"]);
  const entry = await list("completedLevel=entry");
  expect(names(entry)).toEqual(["Alex Morgan"]);
  expect(entry.filteredBy).toBe("who completed every Entry level module");
  expect(names(await list("completedAllModules=true"))).toEqual([]);
  await api().post("/api/hours").set(bearer(cast.mentor2)).send({ date: "2025-10-01", activity: "Day 1", hours: 3, kind: "initial" }).expect(201);
  expect(names(await list("hoursInYear=2025/26"))).toEqual(["Sam Patel"]);
  expect((await list("")).filteredBy).toBeNull();
});

it("refuses filters that name nothing in the course, naming the field as the form labels it", async () => {
  const school = await api().get("/api/mentors?school=Nowhere%20Academy").set(bearer(cast.lead)).expect(400);
  expect(school.body.error.message).toBe("School: no mentor on this course is at “Nowhere Academy”: pick a school from the list.");
  const module = await api().get("/api/mentors?passedModule=M99").set(bearer(cast.lead)).expect(400);
  expect(module.body.error.message).toMatch(/^Module: there is no module M99/);
  const year = await api().get("/api/mentors?hoursInYear=2025").set(bearer(cast.lead)).expect(400);
  expect(year.body.error.message).toMatch(/Academic year for hours/);
  await api().get("/api/mentors?school=Oakfield%20Primary").set(bearer(cast.mentor)).expect(403);
  // Another course's tutor cannot reach this course's schools through the filter.
  await api().get("/api/mentors?school=Oakfield%20Primary").set(bearer(cast.otherTutor)).expect(400);
});
