import { beforeAll, describe, expect, it } from "vitest";
import { sweepMarkFollowUps } from "../../server/src/commands/markModuleWork";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { ModuleSubmission } from "../../server/src/models/moduleSubmission";
import { sweepSubmissionFollowUps } from "../../server/src/commands/submitModuleWork";
import { completedModuleCodes } from "../../server/src/queries/moduleProgress";
import { buildApproval } from "../credentials/factories";
import { bearer, devCourse, devUsers } from "../support/launch";
import { completeEntryAudit, prepareModule, useToolWithCast } from "./helpers";

// Marking saves the mark (the decision and its outbox) and then settles it: the record moves to
// graded or returned, the grade is queued, a pass asks for credit. A crash between the two leaves
// the mark with its follow-ups pending; reads show the mark as it stands but write nothing, and
// the mark-follow-ups job (sweepMarkFollowUps, run here as the job runner runs it) finishes them.

const t = useToolWithCast();
let mentor: string, mentor2: string, tutor: string, lead: string;
beforeAll(async () => {
  ({ mentor, mentor2, tutor, lead } = t.cast);
  await completeEntryAudit(t.tool, mentor);
  await completeEntryAudit(t.tool, mentor2);
});
const api = () => t.api();

/** Submits a module through the API and returns its record id. */
async function submitted(token: string, userId: string, moduleCode: string): Promise<string> {
  await prepareModule(t.tool, token, moduleCode);
  const res = await api().post(`/api/modules/${moduleCode}/submit`).set(bearer(token));
  if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (await ModuleRecord.findOne({ mentorUserId: userId, moduleCode }).lean())!._id.toString();
}

/** What the server left behind had it died straight after saving the mark: follow-ups pending, record untouched. */
async function crashAfterMark(recordId: string, opts: { keepGrade?: boolean } = {}) {
  const mark = await ModuleMark.findOne({ recordId }).sort({ attempt: -1 }).lean();
  await ModuleRecord.updateOne({ _id: recordId }, { $set: { status: "submitted", passed: false } });
  if (!opts.keepGrade) await GradeRecord.deleteMany({ "source.id": recordId, dedupeKey: `module-mark:${mark!._id}` });
  await ModuleMark.updateOne(
    { _id: mark!._id },
    { $set: { followUpsDoneAt: null, ...(opts.keepGrade ? {} : { gradeRecordId: null }) } },
  );
  return mark!;
}

/** Everything the module, marking and credit pages read, for each role: none of it may write. */
async function readEverything(recordId: string) {
  const reads: Array<[string, string]> = [
    ["/api/modules", mentor],
    ["/api/modules/M1", mentor],
    ["/api/portfolios", mentor],
    ["/api/modules", mentor2],
    ["/api/portfolios", mentor2],
    ["/api/marking?status=all", tutor],
    [`/api/marking/${recordId}`, tutor],
    ["/api/mentors", lead],
    ["/api/credits", lead],
  ];
  const answers = await Promise.all(reads.map(([path, token]) => api().get(path).set(bearer(token))));
  answers.forEach((res, i) => expect(res.status, `${reads[i][0]}: ${JSON.stringify(res.body)}`).toBe(200));
}

describe("marking settles its mark on the write", () => {
  it("moves the record, queues the grade once and lets the mentor go on, in the mark's own request", async () => {
    const recordId = await submitted(mentor, devUsers.mentor, "M1");
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 1, outcome: "pass", feedback: "Clear." })
      ).status,
    ).toBe(201);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: true });
    const mark = await ModuleMark.findOne({ recordId }).lean();
    expect(mark!.followUpsDoneAt).toBeInstanceOf(Date);
    const grades = await GradeRecord.find({ "source.id": recordId }).lean();
    expect(grades).toHaveLength(1);
    expect(mark!.gradeRecordId).toBe(grades[0]._id.toString());
    expect(await completedModuleCodes(mark!.tenantId, devCourse, devUsers.mentor)).toEqual(new Set(["M1"]));
    // Nothing is left for the job.
    expect(await sweepMarkFollowUps(0)).toBe(0);
  });

  it("awards the credit a pass completes on the mark itself", async () => {
    const m1 = await submitted(mentor2, devUsers.mentor2, "M1");
    const { tenantId, versionId } = (await ModuleRecord.findById(m1).lean())!;
    // The other modules the credit rule needs, passed as tutors' marks leave them.
    for (const moduleCode of ["M2", "M3", "M4", "M5", "M6"]) {
      await ModuleRecord.create({
        tenantId,
        contextId: devCourse,
        mentorUserId: devUsers.mentor2,
        moduleCode,
        versionId,
        status: "graded",
        passed: true,
        attempt: 1,
      });
    }
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor2 });
    // A portfolio, so that reading it asks which modules are complete (which once settled marks).
    expect((await api().post("/api/portfolios").set(bearer(mentor2)).send({ qualificationCode: "ENTRY" })).status).toBe(
      201,
    );
    const awards = () => CreditLedgerEntry.countDocuments({ mentorUserId: devUsers.mentor2, kind: "award" });
    expect(await awards()).toBe(0);
    expect(
      (
        await api()
          .post(`/api/marking/${m1}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 1, outcome: "pass", feedback: "Well done." })
      ).status,
    ).toBe(201);
    expect(await awards()).toBe(1);
  });
});

describe("a mark saved just before the server died", () => {
  it("reads as graded everywhere while nothing is written, and the job settles it once", async () => {
    const recordId = (await ModuleRecord.findOne({
      mentorUserId: devUsers.mentor,
      moduleCode: "M1",
    }).lean())!._id.toString();
    const mark = await crashAfterMark(recordId);

    const pathway = await api().get("/api/modules").set(bearer(mentor));
    expect(pathway.status, JSON.stringify(pathway.body)).toBe(200);
    expect(pathway.body.modules.find((m: { code: string }) => m.code === "M1")).toMatchObject({
      state: "graded",
      passed: true,
      latestDecision: { label: "Pass" },
    });
    expect(pathway.body.passedCount).toBe(1);
    const waiting = await api().get("/api/marking?status=submitted").set(bearer(tutor));
    expect(waiting.body.items.map((i: { recordId: string }) => i.recordId)).not.toContain(recordId);
    const marked = await api().get("/api/marking?status=marked").set(bearer(tutor));
    expect(marked.body.items.find((i: { recordId: string }) => i.recordId === recordId)).toMatchObject({
      status: "graded",
      latestDecision: { label: "Pass" },
    });
    expect((await api().get(`/api/marking/${recordId}`).set(bearer(tutor))).body).toMatchObject({
      status: "graded",
      canMark: false,
    });

    // The reads wrote nothing: the record still says submitted, no grade is queued.
    const untouched = await ModuleRecord.findById(recordId).lean();
    await readEverything(recordId);
    expect(await ModuleRecord.findById(recordId).lean()).toEqual(untouched);
    expect(await GradeRecord.countDocuments({ "source.id": recordId })).toBe(0);
    expect((await ModuleMark.findById(mark._id).lean())!.followUpsDoneAt).toBeNull();

    // The job runs (several processes at once) and settles it exactly once.
    await Promise.all([sweepMarkFollowUps(0), sweepMarkFollowUps(0), sweepMarkFollowUps(0)]);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: true });
    const grades = await GradeRecord.find({ "source.id": recordId }).lean();
    expect(grades).toHaveLength(1);
    expect(grades[0]).toMatchObject({ scoreGiven: 1, lineItem: { resourceId: "module:M1" } });
    expect((await ModuleMark.findById(mark._id).lean())!).toMatchObject({
      gradeRecordId: grades[0]._id.toString(),
      followUpsDoneAt: expect.any(Date),
    });
    expect(await sweepMarkFollowUps(0)).toBe(0);
  });

  it("cannot be marked twice while its follow-ups wait", async () => {
    const recordId = (await ModuleRecord.findOne({
      mentorUserId: devUsers.mentor,
      moduleCode: "M1",
    }).lean())!._id.toString();
    await crashAfterMark(recordId, { keepGrade: true });
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 1, outcome: "resubmit", feedback: "x" })
      ).status,
    ).toBe(409);
    expect(await ModuleMark.countDocuments({ recordId })).toBe(1);
    // The grade was queued before the crash but the mark lost its link to it: the job queues no second one.
    await ModuleMark.updateOne({ recordId }, { $set: { gradeRecordId: null } });
    await Promise.all([sweepMarkFollowUps(0), sweepMarkFollowUps(0)]);
    expect(await GradeRecord.countDocuments({ "source.id": recordId })).toBe(1);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: true });
  });

  it("reads a return as returned, so the mentor can carry on with the work, and the job then has nothing to move", async () => {
    const recordId = await submitted(mentor, devUsers.mentor, "M2");
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/return`)
          .set(bearer(tutor))
          .send({ attempt: 1, feedback: "Add your notes." })
      ).status,
    ).toBe(201);
    await crashAfterMark(recordId);
    const detail = await api().get("/api/modules/M2").set(bearer(mentor));
    expect(detail.body).toMatchObject({ state: "returned", canEdit: true });
    expect((await ModuleRecord.findById(recordId).lean())!.status).toBe("submitted");
    expect(
      (await api().put("/api/modules/M2/reflection").set(bearer(mentor)).send({ reflection: "With my notes." })).status,
    ).toBe(200);
    expect((await api().post("/api/modules/M2/submit").set(bearer(mentor))).status).toBe(201);
    // The second attempt went in before the job ran: the old return is history, and stays so.
    await sweepMarkFollowUps(0);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "submitted", attempt: 2 });
    expect(await ModuleMark.countDocuments({ recordId, followUpsDoneAt: null })).toBe(0);
  });

  it("awards the credit a crash kept from a passing mark when the job runs, not when anyone reads", async () => {
    const m1 = (await ModuleRecord.findOne({
      mentorUserId: devUsers.mentor2,
      moduleCode: "M1",
    }).lean())!._id.toString();
    await crashAfterMark(m1);
    await CreditLedgerEntry.deleteMany({ mentorUserId: devUsers.mentor2 });
    await readEverything(
      (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M1" }).lean())!._id.toString(),
    );
    expect(await CreditLedgerEntry.countDocuments({ mentorUserId: devUsers.mentor2 })).toBe(0);
    await Promise.all([sweepMarkFollowUps(0), sweepMarkFollowUps(0)]);
    expect(await CreditLedgerEntry.countDocuments({ mentorUserId: devUsers.mentor2, kind: "award" })).toBe(1);
    expect(await ModuleRecord.findById(m1).lean()).toMatchObject({ status: "graded", passed: true });
  });
});

describe("a submission saved just before the server died", () => {
  // Submitting saves the frozen work (a ModuleSubmission, unique per attempt): the one write. The
  // record's move to "submitted" and the LMS's "needs marking" follow it, here or in the job.
  it("cannot be submitted twice, and the job moves the record and tells the LMS once", async () => {
    const record = (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M2" }).lean())!;
    const recordId = record._id.toString();
    expect(record).toMatchObject({ status: "submitted", attempt: 2 });
    const submission = await ModuleSubmission.findOne({ recordId, attempt: 2 }).lean();
    expect(submission!.followUpsDoneAt).toBeInstanceOf(Date);
    const dedupeKey = `module-submission:${recordId}:2`;
    expect(await GradeRecord.countDocuments({ dedupeKey })).toBe(1);

    // What the server left had it died straight after the insert: the record as before, nothing queued.
    await ModuleRecord.updateOne({ _id: recordId }, { $set: { status: "returned", attempt: 1 } });
    await GradeRecord.deleteMany({ dedupeKey });
    await ModuleSubmission.updateOne({ _id: submission!._id }, { $set: { followUpsDoneAt: null } });

    expect((await api().post("/api/modules/M2/submit").set(bearer(mentor))).status).toBe(409);
    expect(await ModuleSubmission.countDocuments({ recordId })).toBe(2);

    await Promise.all([sweepSubmissionFollowUps(0), sweepSubmissionFollowUps(0)]);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({
      status: "submitted",
      attempt: 2,
      submittedAt: submission!.submittedAt,
    });
    expect(await GradeRecord.countDocuments({ dedupeKey })).toBe(1);
    expect((await ModuleSubmission.findById(submission!._id).lean())!.followUpsDoneAt).toBeInstanceOf(Date);
    expect(await sweepSubmissionFollowUps(0)).toBe(0);
    // The tutor can mark it now.
    expect(
      (
        await api()
          .post(`/api/marking/${recordId}/mark`)
          .set(bearer(tutor))
          .send({ attempt: 2, outcome: "pass", feedback: "Good." })
      ).status,
    ).toBe(201);
  });
});
