import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { ModuleSubmission } from "../../server/src/models/moduleSubmission";
import { AuditRating } from "../../server/src/models/auditRating";
import { Member } from "../../server/src/models/member";
import { completedModuleCodes } from "../../server/src/queries/moduleProgress";
import { programmeInForce } from "../../server/src/queries/programmeInForce";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { startTestTool } from "../support/server";
import { bearer, devCourse, devUsers, otherCourse } from "../support/launch";
import { badFields, completeEntryAudit, launchCast, prepareModule } from "./helpers";

let tool: RunningTool;
let mentor: string, mentor2: string, tutor: string, lead: string, otherTutor: string;
let tenantId: string;

beforeAll(async () => {
  tool = await startTestTool();
  ({ mentor, mentor2, tutor, lead, otherTutor } = await launchCast(tool));
  tenantId = (await Member.findOne({ contextId: devCourse, userId: devUsers.mentor }).lean())!.tenantId;
});
afterAll(() => tool?.close());

const api = () => request(tool.url);

describe("the pathway and its locks", () => {
  it("needs a launch", async () => {
    expect((await api().get("/api/modules")).status).toBe(401);
    expect((await api().post("/api/modules/M1/submit")).status).toBe(401);
    expect((await api().get("/api/marking")).status).toBe(401);
    expect((await api().get("/api/audit")).status).toBe(401);
  });

  it("shows every module locked with its reason until the entry audit is done, and refuses work on it", async () => {
    const res = await api().get("/api/modules").set(bearer(mentor));
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.modules.map((m: { code: string }) => [m.code, m]));
    expect(byCode.M1.state).toBe("locked");
    expect(byCode.M1.lockedReasons.join(" ")).toMatch(/entry audit/i);
    expect(byCode.M3.lockedReasons.join(" ")).toMatch(/Module 1 and Module 2/);
    // Calling the API directly does not get round the lock.
    expect((await api().post("/api/modules/M1/start").set(bearer(mentor))).status).toBe(403);
    expect(
      (await api().put("/api/modules/M1/activities/M1.1").set(bearer(mentor)).send({ completed: true })).status,
    ).toBe(403);
    expect(await ModuleRecord.countDocuments({ mentorUserId: devUsers.mentor })).toBe(0);
  });

  it("rejects bad input naming the field, saving nothing", async () => {
    const bad = await api().put("/api/modules/M1/activities/M1.1").set(bearer(mentor)).send({ completed: "yes" });
    expect(bad.status).toBe(400);
    expect(badFields(bad.body)).toContain("body.completed");
    const badCode = await api().get("/api/modules/M1%20x").set(bearer(mentor));
    expect(badCode.status).toBe(400);
    expect(badFields(badCode.body)).toContain("params.moduleCode");
    expect((await api().get("/api/modules/M99").set(bearer(mentor))).status).toBe(404);
  });
});

describe("the mentor audit", () => {
  it("validates each rating against the programme and saves nothing from a bad request", async () => {
    const res = await api()
      .post("/api/audit/ratings")
      .set(bearer(mentor))
      .send({
        ratings: [
          { descriptor: "1.1", value: 3 },
          { descriptor: "9.9", value: 3 },
          { descriptor: "1.2", value: 7 },
        ],
      });
    expect(res.status).toBe(400);
    expect(badFields(res.body)).toEqual(["body.ratings.1.descriptor", "body.ratings.2.value"]);
    expect(await AuditRating.countDocuments({ mentorUserId: devUsers.mentor })).toBe(0);
    const shape = await api().post("/api/audit/ratings").set(bearer(mentor)).send({ ratings: [] });
    expect(badFields(shape.body)).toContain("body.ratings");
  });

  it("gates the second audit on the first and records why a rating changed", async () => {
    const early = await api().post("/api/audit/stages/pre-mastery/complete").set(bearer(mentor));
    expect(early.status).toBe(409);
    await completeEntryAudit(tool, mentor, 2);
    const noReason = await api()
      .post("/api/audit/ratings")
      .set(bearer(mentor))
      .send({ ratings: [{ descriptor: "2.4", value: 4 }] });
    expect(noReason.status).toBe(400);
    expect(badFields(noReason.body)).toEqual(["body.ratings.0.reason"]);
    const changed = await api()
      .post("/api/audit/ratings")
      .set(bearer(mentor))
      .send({ ratings: [{ descriptor: "2.4", value: 4, reason: "Gave weekly written feedback all term" }] });
    expect(changed.status).toBe(201);
    const teaching = changed.body.standards.find((s: { code: string }) => s.code === "2");
    const descriptor = teaching.descriptors.find((d: { code: string }) => d.code === "2.4");
    expect(descriptor.current).toBe(4);
    expect(descriptor.history.map((h: { value: number }) => h.value)).toEqual([4, 2]);
    expect(descriptor.history[0].reason).toBe("Gave weekly written feedback all term");
    expect(teaching.entryAverage).toBe(2);
    expect(teaching.currentAverage).toBeCloseTo(2.2, 5);
  });

  it("keeps audits to their mentor", async () => {
    expect((await api().get(`/api/audit?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2))).status).toBe(404);
    expect((await api().get(`/api/audit?mentorUserId=${devUsers.mentor}`).set(bearer(otherTutor))).status).toBe(404);
    expect((await api().get(`/api/audit?mentorUserId=${devUsers.mentor}`).set(bearer(tutor))).status).toBe(200);
    expect(
      (
        await api()
          .post("/api/audit/ratings")
          .set(bearer(tutor))
          .send({ ratings: [{ descriptor: "1.1", value: 3 }] })
      ).status,
    ).toBe(403);
  });
});

describe("module work, submission and marking", () => {
  let recordId: string;

  it("opens Module 1 after the entry audit, but not Module 3 before Modules 1 and 2 pass", async () => {
    const res = await api().get("/api/modules").set(bearer(mentor));
    expect(res.body.modules.find((m: { code: string }) => m.code === "M1").state).toBe("open");
    expect((await api().post("/api/modules/M3/start").set(bearer(mentor))).status).toBe(403);
  });

  it("will not submit unfinished work", async () => {
    const started = await api().post("/api/modules/M1/start").set(bearer(mentor));
    expect(started.status).toBe(200);
    expect(started.body.state).toBe("in_progress");
    const res = await api().post("/api/modules/M1/submit").set(bearer(mentor));
    expect(res.status).toBe(409);
    expect(res.body.error.details.blockers.length).toBeGreaterThan(0);
  });

  it("accepts one of two simultaneous submissions", async () => {
    await prepareModule(tool, mentor, "M1");
    const [a, b] = await Promise.all([
      api().post("/api/modules/M1/submit").set(bearer(mentor)),
      api().post("/api/modules/M1/submit").set(bearer(mentor)),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const record = await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M1" }).lean();
    expect(record!.status).toBe("submitted");
    expect(record!.attempt).toBe(1);
    expect(await ModuleSubmission.countDocuments({ recordId: record!._id.toString() })).toBe(1);
    recordId = record!._id.toString();
    // Submitted work is frozen for the mentor.
    expect(
      (await api().put("/api/modules/M1/reflection").set(bearer(mentor)).send({ reflection: "changed" })).status,
    ).toBe(409);
  });

  it("keeps one mentor's work from another mentor, another course and another platform", async () => {
    expect((await api().get(`/api/modules/M1?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2))).status).toBe(404);
    expect((await api().get(`/api/marking/${recordId}`).set(bearer(mentor2))).status).toBe(404);
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(mentor2))
          .send({ attempt: 1, outcome: "pass", feedback: "x" })
      ).status,
    ).toBe(404);
    expect((await api().get(`/api/marking/${recordId}`).set(bearer(otherTutor))).status).toBe(404);
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(otherTutor))
          .send({ attempt: 1, outcome: "pass", feedback: "x" })
      ).status,
    ).toBe(404);
    expect((await api().get("/api/marking").set(bearer(otherTutor))).body.items).toEqual([]);
    // The same course and user ids under another platform are a different record.
    const foreign = await ModuleRecord.create({
      tenantId: "another-platform",
      contextId: devCourse,
      mentorUserId: devUsers.mentor,
      moduleCode: "M2",
      versionId: "x",
      status: "submitted",
      attempt: 1,
    });
    expect((await api().get(`/api/marking/${foreign._id}`).set(bearer(tutor))).status).toBe(404);
    expect(
      (
        await api()
          .post(`/api/marking/${foreign._id}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 1, outcome: "pass", feedback: "x" })
      ).status,
    ).toBe(404);
    expect(
      (await api().get("/api/marking").set(bearer(tutor))).body.items.map((i: { recordId: string }) => i.recordId),
    ).not.toContain(foreign._id.toString());
    await ModuleRecord.deleteOne({ _id: foreign._id });
  });

  it("lets a mentor neither see the marking list nor mark their own work", async () => {
    expect((await api().get("/api/marking").set(bearer(mentor))).status).toBe(403);
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(mentor))
          .send({ attempt: 1, outcome: "pass", feedback: "x" })
      ).status,
    ).toBe(403);
  });

  it("rejects a mark that does not fit the module's scheme, saving nothing", async () => {
    const noOutcome = await api()
      .post(`/api/marking/${recordId}/mark`)
      .set(bearer(tutor))
      .send({ attempt: 1, feedback: "Good" });
    expect(noOutcome.status).toBe(400);
    expect(badFields(noOutcome.body)).toEqual(["body.outcome"]);
    const noFeedback = await api()
      .post(`/api/marking/${recordId}/mark`)
      .set(bearer(tutor))
      .send({ attempt: 1, outcome: "pass" });
    expect(badFields(noFeedback.body)).toEqual(["body.feedback"]);
    const badId = await api()
      .post("/api/marking/not-an-id/mark")
      .set(bearer(tutor))
      .send({ attempt: 1, outcome: "pass", feedback: "x" });
    expect(badFields(badId.body)).toEqual(["params.recordId"]);
    expect(await ModuleMark.countDocuments({ recordId })).toBe(0);
    expect(await GradeRecord.countDocuments({ "source.id": recordId })).toBe(0);
  });

  it("lists the submission for the tutor and records exactly one of two simultaneous marks, with one gradebook record", async () => {
    const list = await api().get("/api/marking").set(bearer(tutor));
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { recordId: string }) => i.recordId === recordId);
    expect(item).toMatchObject({ moduleCode: "M1", status: "submitted", mentor: { name: "Alex Morgan" } });
    const detail = await api().get(`/api/marking/${recordId}`).set(bearer(tutor));
    expect(detail.body.submission.reflection).toMatch(/paperwork/);
    expect(detail.body.canMark).toBe(true);

    const [a, b] = await Promise.all([
      api()
        .post(`/api/marking/${recordId}/mark`)
        .set(bearer(tutor))
        .send({ attempt: 1, outcome: "pass", feedback: "A clear account." }),
      api()
        .post(`/api/marking/${recordId}/mark`)
        .set(bearer(lead))
        .send({ attempt: 1, outcome: "resubmit", feedback: "More detail." }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await ModuleMark.countDocuments({ recordId })).toBe(1);
    const grades = await GradeRecord.find({ "source.id": recordId }).lean();
    expect(grades).toHaveLength(1);
    const winner = a.status === 201 ? "pass" : "resubmit";
    expect(grades[0]).toMatchObject({
      mentorUserId: devUsers.mentor,
      contextId: devCourse,
      source: { kind: "module", id: recordId },
      lineItem: { resourceId: "module:M1", label: `Module 1: ${defaultProgramme().modules[0].title}`, scoreMaximum: 1 },
      // "Resubmit" reaches the LMS as work in progress with the feedback, never as a score of 0.
      ...(winner === "pass"
        ? { scoreGiven: 1, progress: { activity: "Completed", grading: "FullyGraded" } }
        : { scoreGiven: null, progress: { activity: "InProgress", grading: "Pending" }, comment: "More detail." }),
    });
    // The passback job runs as soon as a grade is queued; the column and token made for the
    // submission's record may already have let it deliver this one.
    expect(["pending", "delivered"]).toContain(grades[0].delivery?.status);
    // Make the rest of the file independent of which tutor won.
    if (winner === "resubmit") {
      expect((await api().post("/api/modules/M1/submit").set(bearer(mentor))).status).toBe(201);
      expect(
        (
          await api()
            .post(`/api/marking/${recordId}/mark`)
            .set(bearer(tutor))
            .send({ attempt: 2, outcome: "pass", feedback: "Now complete." })
        ).status,
      ).toBe(201);
    }
    expect(await completedModuleCodes(tenantId, devCourse, devUsers.mentor)).toEqual(new Set(["M1"]));
    const pathway = await api().get("/api/modules").set(bearer(mentor));
    const m1 = pathway.body.modules.find((m: { code: string }) => m.code === "M1");
    expect(m1).toMatchObject({ state: "graded", passed: true, latestDecision: { label: "Pass" } });
    expect(pathway.body.passedCount).toBe(1);
  });

  it("lets a tutor return work for more, and the mentor resubmit it", async () => {
    await prepareModule(tool, mentor, "M2");
    expect((await api().post("/api/modules/M2/submit").set(bearer(mentor))).status).toBe(201);
    const record = await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M2" }).lean();
    const id = record!._id.toString();
    const returned = await api()
      .post(`/api/marking/${id}/return`)
      .set(bearer(tutor))
      .send({ attempt: 1, feedback: "Add your meeting notes." });
    expect(returned.status).toBe(201);
    // The LMS hears the work is back in progress, with the feedback and no score.
    expect(await GradeRecord.find({ "source.id": id }).lean()).toMatchObject([
      {
        scoreGiven: null,
        comment: "Add your meeting notes.",
        progress: { activity: "InProgress", grading: "Pending" },
      },
    ]);
    const mine = await api().get("/api/modules/M2").set(bearer(mentor));
    expect(mine.body).toMatchObject({
      state: "returned",
      canEdit: true,
      history: [{ attempt: 1, decision: { kind: "return", feedback: "Add your meeting notes." } }],
    });
    // A stale attempt number is refused rather than marking the wrong work.
    expect(
      (
        await api()
          .post(`/api/marking/${id}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 1, outcome: "pass", feedback: "x" })
      ).status,
    ).toBe(409);
    await prepareModule(tool, mentor, "M2", "With the meeting notes added.");
    expect((await api().post("/api/modules/M2/submit").set(bearer(mentor))).status).toBe(201);
    expect(
      (
        await api()
          .post(`/api/marking/${id}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 2, outcome: "pass", feedback: "Thank you." })
      ).status,
    ).toBe(201);
  });

  it("still keeps Module 3 closed until the audit before Mastery, then opens it", async () => {
    const locked = await api().post("/api/modules/M3/start").set(bearer(mentor));
    expect(locked.status).toBe(403);
    expect(locked.body.error.message).toMatch(/audit before mastery/i);
    expect((await api().post("/api/audit/stages/pre-mastery/complete").set(bearer(mentor))).status).toBe(200);
    expect((await api().post("/api/modules/M3/start").set(bearer(mentor))).status).toBe(200);
  });

  it("marks score-scheme modules out of their maximum", async () => {
    await prepareModule(tool, mentor, "M3");
    expect((await api().post("/api/modules/M3/submit").set(bearer(mentor))).status).toBe(201);
    const id = (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M3" }).lean())!._id.toString();
    const over = await api()
      .post(`/api/marking/${id}/mark`)
      .set(bearer(tutor))
      .send({ attempt: 1, score: 101, feedback: "x" });
    expect(badFields(over.body)).toEqual(["body.score"]);
    const ok = await api()
      .post(`/api/marking/${id}/mark`)
      .set(bearer(tutor))
      .send({ attempt: 1, score: 62, feedback: "Well argued." });
    expect(ok.status).toBe(201);
    expect(ok.body.latestDecision).toMatchObject({ score: 62, scoreMaximum: 100, passed: true });
    const grade = await GradeRecord.findOne({ "source.id": id }).lean();
    expect(grade).toMatchObject({ scoreGiven: 62, lineItem: { resourceId: "module:M3", scoreMaximum: 100 } });
  });
});

describe("the programme a course follows", () => {
  const own = () => {
    const p = structuredClone(defaultProgramme());
    p.version = 2;
    p.title = "Riverside partnership programme";
    p.modules[0].requiresAudits = [];
    return p;
  };

  it("is readable by everyone in the course and loadable only by a lead", async () => {
    expect((await api().get("/api/programme")).status).toBe(401);
    const res = await api().get("/api/programme").set(bearer(mentor));
    expect(res.status).toBe(200);
    expect(res.body.definition.modules).toHaveLength(6);
    expect((await api().put("/api/programme").set(bearer(tutor)).send(own())).status).toBe(403);
  });

  it("refuses an invalid programme naming the bad field, changing nothing", async () => {
    const before = await programmeInForce(tenantId, devCourse);
    const bad = own();
    bad.modules[2].level = "expert";
    const res = await api().put("/api/programme").set(bearer(lead)).send(bad);
    expect(res.status).toBe(400);
    expect(badFields(res.body)).toEqual(["body.modules.2.level"]);
    expect((await programmeInForce(tenantId, devCourse)).versionId).toBe(before.versionId);
  });

  it("loads a provider's programme as a new version for this course only; old records keep theirs", async () => {
    const before = await programmeInForce(tenantId, devCourse);
    const res = await api().put("/api/programme").set(bearer(lead)).send(own());
    expect(res.status).toBe(200);
    expect(res.body.versionId).not.toBe(before.versionId);
    expect(res.body.history).toHaveLength(1);
    expect((await programmeInForce(tenantId, devCourse)).definition.title).toBe("Riverside partnership programme");
    expect((await programmeInForce(tenantId, otherCourse)).versionId).toBe(before.versionId);
    const m1 = await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M1" }).lean();
    expect(m1!.versionId).toBe(before.versionId);
    // A mentor who had not done the audit now finds Module 1 open under the new programme.
    const pathway = await api().get("/api/modules").set(bearer(mentor2));
    expect(pathway.body.modules.find((m: { code: string }) => m.code === "M1").state).toBe("open");
    // Same code and version with different content must take a new version number.
    const clash = own();
    clash.title = "Something else";
    expect((await api().put("/api/programme").set(bearer(lead)).send(clash)).status).toBe(409);
  });
});
