import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Member } from "../../server/src/models/member";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";

let tool: RunningTool;
let lead: string;
beforeAll(async () => {
  tool = await startTestTool();
  lead = (await launchAs(tool, { userId: devUsers.lead })).token;
});
afterAll(() => tool?.close());

it("keeps the student id, names and email NRPS gives for a mentor who never launched, so the transcript can name them", async () => {
  // Priya Shah (dev-mentor-3) is only on the VLE's roster: the tool learns of her through NRPS.
  expect(await Member.findOne({ contextId: devCourse, userId: "dev-mentor-3" }).lean()).toBeNull();
  await request(tool.url).post("/api/roster/sync").set(bearer(lead)).expect(200);
  const member = await Member.findOne({ contextId: devCourse, userId: "dev-mentor-3" }).lean();
  expect(member).toMatchObject({
    name: "Priya Shah",
    sourcedId: "STU-100003",
    givenName: "Priya",
    familyName: "Shah",
    email: "priya.shah@hillside.example",
  });
  const profile = await request(tool.url).get("/api/profile?mentorUserId=dev-mentor-3").set(bearer(lead)).expect(200);
  expect(profile.body).toMatchObject({ sourcedId: "STU-100003", givenName: "Priya", familyName: "Shah" });
});
