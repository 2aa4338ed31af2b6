import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Course } from "../../server/src/models/course";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { LineItem } from "../../server/src/models/lineItem";
import { startTestTool } from "../support/server";
import { bearer, devCourse, devUsers, launchAs, otherCourse } from "../support/launch";
import { devTenantId, markModule, platformLineItem, testWorker } from "./support";

let tool: RunningTool;
let tutor: string;
let lead: string;
let mentor: string;
let otherTutor: string;

beforeAll(async () => {
  tool = await startTestTool();
  await tool.gradebook.stop();
  tutor = (await launchAs(tool, { userId: devUsers.tutor })).token;
  lead = (await launchAs(tool, { userId: devUsers.lead })).token;
  mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
  otherTutor = (await launchAs(tool, { userId: devUsers.tutor, courseId: otherCourse })).token;
});
afterAll(() => tool?.close());

const api = () => request(tool.url);

describe("line items", () => {
  it("creates each programme column once with stable resourceId, label, maximum and tag, and finds it again", async () => {
    const first = await api().post("/api/gradebook/line-items/sync").set(bearer(tutor));
    expect(first.status).toBe(200);
    const columns = tool.devPlatform!.gradebook.lineItems(devCourse);
    expect(columns.find((c) => c.resourceId === "module:M1")).toMatchObject({
      label: "Module 1: Understanding the provider's processes and paperwork",
      scoreMaximum: 1,
      tag: "mentor-pathways",
    });
    expect(columns.find((c) => c.resourceId === "module:M3")).toMatchObject({ scoreMaximum: 100 });
    expect(columns.find((c) => c.resourceId === "portfolio:MASTERY")).toMatchObject({ scoreMaximum: 1 });
    expect(columns.find((c) => c.resourceId === "credit:M-LEVEL-30")).toMatchObject({ scoreMaximum: 30 });
    expect(columns.some((c) => c.resourceId === "portfolio:QMS")).toBe(false);
    expect(first.body.lineItems.every((li: { isInLms: boolean }) => li.isInLms)).toBe(true);

    // A later install (no cache) and two racing processes still find, not duplicate, the columns.
    await LineItem.deleteMany({});
    await Promise.all([
      api().post("/api/gradebook/line-items/sync").set(bearer(tutor)),
      api().post("/api/gradebook/line-items/sync").set(bearer(lead)),
    ]);
    const after = tool.devPlatform!.gradebook.lineItems(devCourse);
    expect(after).toHaveLength(columns.length);
    expect(new Set(after.map((c) => c.resourceId)).size).toBe(after.length);
  });

  it("is for staff only", async () => {
    expect((await api().post("/api/gradebook/line-items/sync")).status).toBe(401);
    expect((await api().post("/api/gradebook/line-items/sync").set(bearer(mentor))).status).toBe(403);
    expect((await api().get("/api/gradebook/line-items").set(bearer(lead))).status).toBe(200);
  });
});

describe("delivery state and retry", () => {
  it("shows pending, delivered and failed marks with the LMS's reason, and retries a failed one", async () => {
    const good = await markModule(tool, { mentor: devUsers.mentor, module: "M5", score: 64 });
    const bad = await markModule(tool, { mentor: "not-enrolled", module: "M5", score: 10 });
    let list = await api().get("/api/gradebook/deliveries").set(bearer(tutor));
    expect(list.status).toBe(200);
    expect(list.body.deliveries.find((d: { id: string }) => d.id === good)).toMatchObject({
      status: "pending",
      mentor: { name: "Alex Morgan" },
    });

    await testWorker(tool).drain();
    list = await api().get("/api/gradebook/deliveries").query({ status: "failed" }).set(bearer(lead));
    const failed = list.body.deliveries.find((d: { id: string }) => d.id === bad);
    expect(failed.lastError).toMatch(/VLE answered 400.*not a member/);
    const delivered = (await api().get("/api/gradebook/deliveries").query({ status: "delivered" }).set(bearer(tutor)))
      .body.deliveries;
    expect(delivered.find((d: { id: string }) => d.id === good).deliveredAt).toEqual(expect.any(String));

    expect((await api().post(`/api/gradebook/deliveries/${good}/retry`).set(bearer(tutor))).status).toBe(409);
    expect((await api().post(`/api/gradebook/deliveries/${bad}/retry`).set(bearer(mentor))).status).toBe(403);
    expect((await api().post(`/api/gradebook/deliveries/${bad}/retry`).set(bearer(otherTutor))).status).toBe(404);
    // The field is named in details for the client; the message names it in words.
    const badId = (await api().post(`/api/gradebook/deliveries/not-an-id/retry`).set(bearer(tutor))).body.error;
    expect(badId.details.fields[0].field).toBe("params.id");
    expect(badId.message).not.toMatch(/params\./);
    const badStatus = (await api().get("/api/gradebook/deliveries").query({ status: "lost" }).set(bearer(tutor))).body
      .error;
    expect(badStatus.details.fields[0].field).toBe("query.status");
    expect(badStatus.message).toMatch(/^Please check this: Status /);

    // The mentor joins the course in the LMS; a retry now lands.
    tool.devPlatform!.addUser({ id: "not-enrolled", name: "Late Joiner" });
    tool.devPlatform!.enrol(devCourse, "not-enrolled", ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]);
    const retried = await api().post(`/api/gradebook/deliveries/${bad}/retry`).set(bearer(tutor));
    expect(retried.body.delivery).toMatchObject({ status: "pending", lastError: null });
    await testWorker(tool).drain();
    expect((await GradeRecord.findById(bad).lean())!.delivery!.status).toBe("delivered");
  });
});

describe("reading results back", () => {
  it("shows where the LMS gradebook differs from the tool without overwriting either", async () => {
    await markModule(tool, { mentor: devUsers.mentor, module: "M6", score: 70 });
    await markModule(tool, { mentor: devUsers.mentor2, module: "M6", score: 58 });
    await testWorker(tool).drain();
    const [column] = platformLineItem(tool, "module:M6");
    tool.devPlatform!.gradebook.overrideResult(column.id, devUsers.mentor2, 75);

    const res = await api().get("/api/gradebook/line-items/module:M6/results").set(bearer(tutor));
    expect(res.status).toBe(200);
    const row = (id: string) => res.body.rows.find((r: { mentor: { userId: string } }) => r.mentor.userId === id);
    expect(row(devUsers.mentor)).toMatchObject({
      comparison: "same",
      tool: { scoreGiven: 70 },
      lms: { resultScore: 70 },
    });
    expect(row(devUsers.mentor2)).toMatchObject({
      comparison: "differs",
      tool: { scoreGiven: 58 },
      lms: { resultScore: 75 },
    });
    // Read-back changed nothing on either side.
    expect(tool.devPlatform!.gradebook.results(column.id).find((r) => r.userId === devUsers.mentor2)?.resultScore).toBe(
      75,
    );

    expect((await api().get("/api/gradebook/line-items/module:NOPE/results").set(bearer(tutor))).status).toBe(404);
    expect((await api().get("/api/gradebook/line-items/bogus/results").set(bearer(tutor))).status).toBe(400);
    expect((await api().get("/api/gradebook/line-items/module:M6/results").set(bearer(mentor))).status).toBe(403);
  });
});

describe("roster through NRPS", () => {
  it("follows every page so staff see mentors who never launched, keeping launch data", async () => {
    for (let i = 0; i < 7; i++) {
      tool.devPlatform!.addUser({ id: `roster-only-${i}`, name: `Roster Mentor ${i}` });
      tool.devPlatform!.enrol(devCourse, `roster-only-${i}`, [
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
      ]);
    }
    // An LMS that pages by three: the tool must follow rel="next" to the end.
    const course = (await Course.findOne({ tenantId: await devTenantId(tool), contextId: devCourse }).lean())!;
    await Course.updateOne({ _id: course._id }, { $set: { nrpsUrl: `${course.nrpsUrl}?limit=3` } });

    const sync = await api().post("/api/roster/sync").set(bearer(lead));
    expect(sync.status).toBe(200);
    expect(sync.body.pages).toBeGreaterThanOrEqual(5);

    const roster = await api().get("/api/roster").set(bearer(tutor));
    const byId = new Map(roster.body.members.map((m: { userId: string }) => [m.userId, m]));
    expect(byId.get("dev-mentor-3")).toMatchObject({ name: "Priya Shah", lastLaunchAt: null, roles: ["mentor"] });
    expect(byId.get("roster-only-6")).toMatchObject({ name: "Roster Mentor 6" });
    // Alex launched: the launch's school survives the sync.
    expect(byId.get(devUsers.mentor)).toMatchObject({
      school: "Oakfield Primary",
      lastLaunchAt: expect.any(String),
      rosterSeenAt: expect.any(String),
    });

    expect((await api().get("/api/roster").set(bearer(mentor))).status).toBe(403);
    const other = await api().get("/api/roster").set(bearer(otherTutor));
    expect(other.body.members.some((m: { userId: string }) => m.userId === "dev-mentor-3")).toBe(false);
  });

  it("is refreshed on a schedule too, once per window across processes", async () => {
    // Five processes' runs at once share the courses out between them; a later run finds none left.
    const racing = await Promise.all(Array.from({ length: 5 }, () => tool.gradebook.syncAllRosters()));
    const second = await tool.gradebook.syncAllRosters();
    expect(racing.reduce((sum, n) => sum + n, 0)).toBe(await Course.countDocuments({ nrpsUrl: { $ne: null } }));
    expect(second).toBe(0);
  });
});

describe("deep linking", () => {
  it("answers with a signed LtiDeepLinkingResponse whose graded links carry their line item", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.tutor, messageType: "LtiDeepLinkingRequest" });
    const options = await api().get("/api/deep-linking/options").set(bearer(token));
    expect(options.status).toBe(200);
    expect(options.body.items.map((i: { target: string }) => i.target)).toEqual(
      expect.arrayContaining(["module:M2", "portfolio:MASTERY", "panel", "dashboard"]),
    );

    const noTargets = (await api().post("/api/deep-linking/response").set(bearer(token)).send({ targets: [] })).body
      .error;
    expect(noTargets.details.fields[0].field).toBe("body.targets");
    expect(noTargets.message).not.toMatch(/body\./);
    const unknownTarget = (
      await api()
        .post("/api/deep-linking/response")
        .set(bearer(token))
        .send({ targets: ["module:M99"] })
    ).body.error;
    expect(unknownTarget.details.fields[0].field).toMatch(/^body\.targets\.0/);
    expect(unknownTarget.message).not.toMatch(/body\./);
    expect(
      (
        await api()
          .post("/api/deep-linking/response")
          .set(bearer(tutor))
          .send({ targets: ["panel"] })
      ).status,
    ).toBe(403);
    expect(
      (
        await api()
          .post("/api/deep-linking/response")
          .set(bearer(mentor))
          .send({ targets: ["panel"] })
      ).status,
    ).toBe(403);

    const res = await api()
      .post("/api/deep-linking/response")
      .set(bearer(token))
      .send({ targets: ["module:M2", "panel"] });
    expect(res.status).toBe(200);
    const { action, fields } = res.body.form;
    const platform = tool.devPlatform!;
    const header = decodeProtectedHeader(fields.JWT);
    expect(header).toMatchObject({ alg: "RS256", kid: expect.any(String) });
    const { payload } = await jwtVerify(fields.JWT, createRemoteJWKSet(new URL(`${tool.url}/lti/keys`)), {
      issuer: platform.clientId,
      audience: platform.issuer,
    });
    expect(payload["https://purl.imsglobal.org/spec/lti/claim/message_type"]).toBe("LtiDeepLinkingResponse");
    expect(payload["https://purl.imsglobal.org/spec/lti/claim/deployment_id"]).toBe(platform.deploymentId);
    expect(payload.nonce).toEqual(expect.any(String));

    // The browser's auto-posted form, delivered to the platform's return URL.
    const posted = await fetch(action, { method: "POST", body: new URLSearchParams(fields) });
    expect(posted.status).toBe(200);
    const placements = platform.deepLinks.placements().filter((p) => p.courseId === devCourse);
    const module2 = placements.find((p) => p.item.custom?.target === "module:M2")!;
    expect(module2.item.lineItem).toMatchObject({ resourceId: "module:M2", scoreMaximum: 1, tag: "mentor-pathways" });
    expect(module2.lineItemId).toEqual(expect.any(String));
    expect(placements.find((p) => p.item.custom?.target === "panel")!.lineItemId).toBeUndefined();

    // A launch of the placed link carries the target into the session.
    const placed = await launchAs(tool, { userId: devUsers.mentor, resourceLinkId: module2.resourceLinkId });
    const session = await api().get("/api/session").set(bearer(placed.token));
    expect(session.body.target).toBe("module:M2");
  });
});
