import { beforeAll, describe, expect, it } from "vitest";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { completedModuleCodes } from "../../server/src/programme/moduleProgress";
import { bearer, devCourse, devUsers } from "../support/launch";
import { completeEntryAudit, prepareModule, useToolWithCast } from "./helpers";

const t = useToolWithCast();
let mentor: string, tutor: string;
beforeAll(async () => {
  ({ mentor, tutor } = t.cast);
  await completeEntryAudit(t.tool, mentor);
});
const api = () => t.api();

/** Submits a module through the API and returns its record id. */
async function submitted(moduleCode: string): Promise<string> {
  await prepareModule(t.tool, mentor, moduleCode);
  const res = await api().post(`/api/modules/${moduleCode}/submit`).set(bearer(mentor));
  if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode }).lean())!._id.toString();
}

/** What the server left behind had it died after saving the mark but before updating the record. */
async function crashAfterMark(recordId: string) {
  await ModuleRecord.updateOne({ _id: recordId }, { $set: { status: "submitted", passed: false } });
}

describe("a mark saved just before the server died", () => {
  it("reads as graded, and the first read repairs the record once", async () => {
    const recordId = await submitted("M1");
    expect((await api().post(`/api/marking/${recordId}/mark`).set(bearer(tutor)).send({ attempt: 1, outcome: "pass", feedback: "Clear." })).status).toBe(201);
    await crashAfterMark(recordId);

    const pathway = await api().get("/api/modules").set(bearer(mentor));
    expect(pathway.status).toBe(200);
    expect(pathway.body.modules.find((m: { code: string }) => m.code === "M1")).toMatchObject({ state: "graded", passed: true, latestDecision: { label: "Pass" } });
    expect(pathway.body.passedCount).toBe(1);
    const repaired = await ModuleRecord.findById(recordId).lean();
    expect(repaired).toMatchObject({ status: "graded", passed: true });

    // Reading again changes nothing more, and the grade was queued once only.
    await api().get("/api/modules/M1").set(bearer(mentor));
    expect((await ModuleRecord.findById(recordId).lean())!.version).toBe(repaired!.version);
    expect(await GradeRecord.countDocuments({ "source.id": recordId })).toBe(1);
    expect(await completedModuleCodes(repaired!.tenantId, devCourse, devUsers.mentor)).toEqual(new Set(["M1"]));
  });

  it("drops out of the tutor's waiting list and cannot be marked twice", async () => {
    const recordId = (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M1" }).lean())!._id.toString();
    await crashAfterMark(recordId);
    const waiting = await api().get("/api/marking?status=submitted").set(bearer(tutor));
    expect(waiting.body.items.map((i: { recordId: string }) => i.recordId)).not.toContain(recordId);
    const marked = await api().get("/api/marking?status=marked").set(bearer(tutor));
    expect(marked.body.items.find((i: { recordId: string }) => i.recordId === recordId)).toMatchObject({ status: "graded", latestDecision: { label: "Pass" } });
    await crashAfterMark(recordId);
    const detail = await api().get(`/api/marking/${recordId}`).set(bearer(tutor));
    expect(detail.body).toMatchObject({ status: "graded", canMark: false });
    await crashAfterMark(recordId);
    expect((await api().post(`/api/marking/${recordId}/mark`).set(bearer(tutor)).send({ attempt: 1, outcome: "resubmit", feedback: "x" })).status).toBe(409);
    expect(await ModuleMark.countDocuments({ recordId })).toBe(1);
  });

  it("reads a return as returned, so the mentor can carry on with the work", async () => {
    const recordId = await submitted("M2");
    expect((await api().post(`/api/marking/${recordId}/return`).set(bearer(tutor)).send({ attempt: 1, feedback: "Add your notes." })).status).toBe(201);
    await crashAfterMark(recordId);
    const detail = await api().get("/api/modules/M2").set(bearer(mentor));
    expect(detail.body).toMatchObject({ state: "returned", canEdit: true });
    expect((await api().put("/api/modules/M2/reflection").set(bearer(mentor)).send({ reflection: "With my notes." })).status).toBe(200);
  });

  it("queues a grade exactly once when the server died after the grade was queued but before the mark knew it", async () => {
    const m1 = (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M1" }).lean())!._id.toString();
    const mark = await ModuleMark.findOne({ recordId: m1 }).sort({ attempt: -1 }).lean();
    const before = await GradeRecord.countDocuments({ "source.id": m1 });
    expect(before).toBe(1);
    // The grade is in the outbox, but the mark lost its link to it, and the record still says submitted.
    await ModuleMark.updateOne({ _id: mark!._id }, { $set: { gradeRecordId: null } });
    await crashAfterMark(m1);
    await Promise.all([1, 2, 3].map(() => api().get("/api/modules").set(bearer(mentor))));
    expect(await GradeRecord.countDocuments({ "source.id": m1 })).toBe(1);
  });

  it("queues a grade the crash kept from the gradebook exactly once, however many reads race", async () => {
    // Module 2 passed earlier is needed for Module 3; finish it first.
    const m2 = (await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M2" }).lean())!._id.toString();
    expect((await api().post("/api/modules/M2/submit").set(bearer(mentor))).status).toBe(201);
    expect((await api().post(`/api/marking/${m2}/mark`).set(bearer(tutor)).send({ attempt: 2, outcome: "pass", feedback: "Good." })).status).toBe(201);
    const gradeBefore = await GradeRecord.findOne({ "source.id": m2 }).lean();
    // Died straight after the mark insert: no grade queued, record untouched.
    const mark = await ModuleMark.findOne({ recordId: m2, attempt: 2 }).lean();
    await GradeRecord.deleteOne({ _id: gradeBefore!._id });
    await ModuleMark.updateOne({ _id: mark!._id }, { $set: { gradeRecordId: null } });
    await crashAfterMark(m2);

    const reads = await Promise.all([1, 2, 3, 4, 5].map(() => api().get("/api/modules").set(bearer(mentor))));
    for (const r of reads) expect(r.body.modules.find((m: { code: string }) => m.code === "M2")).toMatchObject({ state: "graded", passed: true });
    const grades = await GradeRecord.find({ "source.id": m2 }).lean();
    expect(grades).toHaveLength(1);
    expect(grades[0]).toMatchObject({ scoreGiven: 1, lineItem: { resourceId: "module:M2" }, delivery: { status: "pending" } });
    expect((await ModuleMark.findById(mark!._id).lean())!.gradeRecordId).toBe(grades[0]._id.toString());
  });
});
