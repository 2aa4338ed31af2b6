import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { readBackLmsMarks } from "../../server/src/gradebook/readBackLmsMarks";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { completeEntryAudit, prepareModule } from "../programme/helpers";
import { bearer, devCourse, devUsers, launchAs, otherCourse } from "../support/launch";
import { devTenantId, platformLineItem, startDrivenTool, testWorker } from "./support";

/**
 * Marks both ways: a mark a tutor enters or changes in the LMS gradebook is read back over AGS
 * results, offered in the tool with its source, adopted in one step through marking (or
 * automatically, when the programme says so), never sent back; a mark changed in both places is
 * a conflict for a person.
 */

let tool: RunningTool;
let tutor: string, mentor: string, mentor2: string, otherTutor: string;
const api = () => request(tool.url);

beforeAll(async () => {
  ({ tool, tutor } = await startDrivenTool());
  mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
  mentor2 = (await launchAs(tool, { userId: devUsers.mentor2 })).token;
  otherTutor = (await launchAs(tool, { userId: devUsers.tutor, courseId: otherCourse })).token;
  await completeEntryAudit(tool, mentor);
  await completeEntryAudit(tool, mentor2);
});
afterAll(() => tool?.close());

/** Submits through the API and lets the worker tell the LMS; returns the record id. */
async function submittedAndSent(token: string, userId: string, moduleCode: string): Promise<string> {
  await prepareModule(tool, token, moduleCode);
  expect((await api().post(`/api/modules/${moduleCode}/submit`).set(bearer(token))).status).toBe(201);
  await testWorker(tool).drain();
  return (await ModuleRecord.findOne({ mentorUserId: userId, moduleCode }).lean())!._id.toString();
}

const column = (moduleCode: string) => platformLineItem(tool, `module:${moduleCode}`)[0].id;
const lmsScores = (moduleCode: string, userId: string) =>
  tool.devPlatform!.gradebook.scores(column(moduleCode)).filter((s) => s.userId === userId);
const readBack = () => api().post("/api/gradebook/lms-marks/read").set(bearer(tutor));
const openFor = (
  body: { marks: Array<{ id: string; mentor: { userId: string }; module: { code: string } }> },
  userId: string,
  moduleCode: string,
) => body.marks.filter((m) => m.mentor.userId === userId && m.module.code === moduleCode);

describe("a mark entered in the LMS gradebook", () => {
  let recordId: string;

  it("is read back when a tutor opens marking, and offered with its source", async () => {
    recordId = await submittedAndSent(mentor, devUsers.mentor, "M1");
    // A tutor marks in the LMS gradebook instead of in the tool.
    tool.devPlatform!.gradebook.overrideResult(column("M1"), devUsers.mentor, 1, "Good work: marked in the gradebook.");

    const read = await readBack();
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.read).toMatchObject({ proposed: 1, conflicts: 0, adopted: 0 });
    const [offered] = openFor(read.body, devUsers.mentor, "M1");
    expect(offered).toMatchObject({
      kind: "proposal",
      mentor: { name: "Alex Morgan" },
      module: { label: expect.stringMatching(/^Module 1:/) },
      source: expect.stringMatching(/Development platform gradebook/),
      lms: { score: 1, maximum: 1, comment: "Good work: marked in the gradebook." },
      tool: null,
      canAdopt: true,
    });
    // Reading again offers the same mark once.
    expect(openFor((await readBack()).body, devUsers.mentor, "M1")).toHaveLength(1);
    expect(
      openFor((await api().get("/api/gradebook/lms-marks").set(bearer(tutor))).body, devUsers.mentor, "M1"),
    ).toHaveLength(1);
  });

  it("is for the course's staff only", async () => {
    const [offered] = openFor(
      (await api().get("/api/gradebook/lms-marks").set(bearer(tutor))).body,
      devUsers.mentor,
      "M1",
    );
    expect((await api().get("/api/gradebook/lms-marks")).status).toBe(401);
    expect((await api().post("/api/gradebook/lms-marks/read").set(bearer(mentor))).status).toBe(403);
    expect((await api().post(`/api/gradebook/lms-marks/${offered.id}/adopt`).set(bearer(mentor))).status).toBe(403);
    expect((await api().post(`/api/gradebook/lms-marks/${offered.id}/adopt`).set(bearer(otherTutor))).status).toBe(404);
    expect((await api().post("/api/gradebook/lms-marks/not-an-id/adopt").set(bearer(tutor))).status).toBe(400);
    expect((await api().get("/api/gradebook/lms-marks").set(bearer(otherTutor))).body.marks).toEqual([]);
  });

  it("becomes the module's mark through marking in one step, and is not sent back", async () => {
    const [offered] = openFor(
      (await api().get("/api/gradebook/lms-marks").set(bearer(tutor))).body,
      devUsers.mentor,
      "M1",
    );
    const scoresBefore = lmsScores("M1", devUsers.mentor).length;

    const adopted = await api().post(`/api/gradebook/lms-marks/${offered.id}/adopt`).set(bearer(tutor));
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect((await api().post(`/api/gradebook/lms-marks/${offered.id}/adopt`).set(bearer(tutor))).status).toBe(409);

    // The normal mark: the record is graded and passed, the decision names the tutor and keeps the LMS's feedback.
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: true });
    expect(await ModuleMark.findOne({ recordId }).lean()).toMatchObject({
      kind: "mark",
      score: 1,
      passed: true,
      markedBy: devUsers.tutor,
      feedback: "Good work: marked in the gradebook.",
    });
    const pathway = await api().get("/api/modules").set(bearer(mentor));
    expect(pathway.body.modules.find((m: { code: string }) => m.code === "M1")).toMatchObject({
      state: "graded",
      passed: true,
    });

    // Recorded as already in the LMS: nothing goes back, and reading again offers nothing.
    const grade = await GradeRecord.findOne({
      mentorUserId: devUsers.mentor,
      "lineItem.resourceId": "module:M1",
      scoreGiven: 1,
    }).lean();
    expect(grade!.delivery).toMatchObject({ status: "delivered", sentTimestamp: null });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 0, failed: 0 });
    expect(lmsScores("M1", devUsers.mentor)).toHaveLength(scoresBefore);
    const again = await readBack();
    expect(again.body.read).toMatchObject({ proposed: 0, conflicts: 0 });
    expect(openFor(again.body, devUsers.mentor, "M1")).toEqual([]);
  });
});

describe("a mark changed in both places", () => {
  it("is a conflict for a person, who may keep the tool's mark", async () => {
    const recordId = await submittedAndSent(mentor2, devUsers.mentor2, "M1");
    // The LMS says resubmit (0) while a tutor passes the work in the tool, before it is sent.
    tool.devPlatform!.gradebook.overrideResult(column("M1"), devUsers.mentor2, 0, "Not yet.");
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 1, outcome: "pass", feedback: "Complete." })
      ).status,
    ).toBe(201);

    const read = await readBack();
    expect(read.body.read).toMatchObject({ proposed: 0, conflicts: 1 });
    const [conflict] = openFor(read.body, devUsers.mentor2, "M1");
    // Adopting it would correct the tool's mark (test/gradebook/markCorrection.test.ts); until a person settles it, nothing changes.
    expect(conflict).toMatchObject({
      kind: "conflict",
      lms: { score: 0, comment: "Not yet." },
      canAdopt: true,
      adoptAs: "correction",
      whyNotAdoptable: null,
    });
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: true });

    // The tutor keeps the tool's mark: it reaches the LMS, and nothing is left to settle.
    expect((await api().post(`/api/gradebook/lms-marks/${conflict.id}/dismiss`).set(bearer(tutor))).status).toBe(200);
    await testWorker(tool).drain();
    expect(tool.devPlatform!.gradebook.results(column("M1")).find((r) => r.userId === devUsers.mentor2)).toMatchObject({
      resultScore: 1,
    });
    const after = await readBack();
    expect(after.body.read).toMatchObject({ proposed: 0, conflicts: 0 });
    expect(openFor(after.body, devUsers.mentor2, "M1")).toEqual([]);
  });

  it("when changed in the LMS after the tool's mark was delivered, is offered, and keeping the tool's mark sends it again", async () => {
    // mentor2's M1 now shows the tool's pass (1); a tutor changes it to 0 in the LMS.
    tool.devPlatform!.gradebook.overrideResult(column("M1"), devUsers.mentor2, 0, "Changed my mind.");
    const read = await readBack();
    const [offered] = openFor(read.body, devUsers.mentor2, "M1");
    expect(offered).toMatchObject({
      kind: "proposal",
      tool: { scoreGiven: 1, scoreMaximum: 1 },
      lms: { score: 0 },
      canAdopt: true,
      adoptAs: "correction",
    });
    expect((await api().post(`/api/gradebook/lms-marks/${offered.id}/dismiss`).set(bearer(tutor))).status).toBe(200);
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1 });
    expect(tool.devPlatform!.gradebook.results(column("M1")).find((r) => r.userId === devUsers.mentor2)).toMatchObject({
      resultScore: 1,
    });
  });
});

describe("a programme that adopts LMS marks automatically", () => {
  it("makes the LMS's mark the module's mark on the scheduled read-back", async () => {
    const tenantId = await devTenantId(tool);
    const definition = structuredClone(defaultProgramme());
    definition.version = 2;
    definition.lmsMarks = { adopt: "automatically" };
    const programme = await storeProgrammeVersion({ tenantId, definition, loadedBy: devUsers.lead });
    await assignProgramme({ tenantId, contextId: devCourse, programme, assignedBy: devUsers.lead });

    const recordId = await submittedAndSent(mentor, devUsers.mentor, "M2");
    tool.devPlatform!.gradebook.overrideResult(column("M2"), devUsers.mentor, 1);
    const scoresBefore = lmsScores("M2", devUsers.mentor).length;

    // One moment for both reads, so they fall in one schedule window however slow the machine is.
    const now = Date.now();
    const summary = await readBackLmsMarks({ lti: tool.deps.lti }, 60_000, now);
    expect(summary).toMatchObject({ proposed: 1, adopted: 1, conflicts: 0 });
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: true });
    expect(await ModuleMark.findOne({ recordId }).lean()).toMatchObject({
      score: 1,
      markedBy: `lms:${tenantId}`,
      feedback: expect.stringMatching(/Mark entered in the Development platform gradebook/),
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 0 });
    expect(lmsScores("M2", devUsers.mentor)).toHaveLength(scoresBefore);
    // Another process in the same schedule window leaves the course alone.
    expect(await readBackLmsMarks({ lti: tool.deps.lti }, 60_000, now)).toMatchObject({ columns: 0 });
  });
});
