import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { awardCreditsIfEligible } from "../../server/src/commands/creditAwarder";
import { sweepMarkFollowUps } from "../../server/src/commands/markModuleWork";
import { ROLE } from "@mentor-pathways/dev-platform";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { DecisionEntry } from "../../server/src/models/decisionEntry";
import { Notice } from "../../server/src/models/notice";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { buildApproval, buildPassedModules } from "../credentials/factories";
import { completeEntryAudit, prepareModule } from "../programme/helpers";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { devTenantId, platformLineItem, startDrivenTool, testWorker } from "./support";

/**
 * Correcting a mark (#17 item 9, #19 item 2, #14 item 6): a tutor's new mark supersedes the old
 * one in one conditional write, the LMS gradebook gets the new score through the outbox, the
 * decision record keeps both marks, and a mark changed in the LMS after the tool marked is
 * offered and adopted as a correction (or shown as a conflict when both places changed).
 */

const TUTOR_LEARNER = "mc-tutor-learner";
const CREDIT_MENTORS = ["mc-credit-1", "mc-credit-2", "mc-credit-3", "mc-credit-4"];

let tool: RunningTool;
let tutor: string, lead: string, mentor: string, mentor2: string, tutorLearner: string;
const api = () => request(tool.url);

beforeAll(async () => {
  ({ tool, tutor } = await startDrivenTool());
  const platform = tool.devPlatform!;
  platform.addUser({
    id: TUTOR_LEARNER,
    name: "Eli Ward",
    givenName: "Eli",
    familyName: "Ward",
    email: "eli.mc@university.example",
    school: "Oakfield Primary",
  });
  platform.enrol(devCourse, TUTOR_LEARNER, [ROLE.learner, ROLE.instructor]);
  for (const [i, id] of CREDIT_MENTORS.entries()) {
    platform.addUser({
      id,
      name: `Credit Mentor ${i + 1}`,
      givenName: "Credit",
      familyName: `Mentor ${i + 1}`,
      email: `${id}@school.example`,
      school: "Oakfield Primary",
    });
    platform.enrol(devCourse, id, [ROLE.learner]);
  }
  // Modules 1 and 2 marked out of 100 (pass mark 50), so a correction changes a score the LMS shows.
  const tenantId = await devTenantId(tool);
  const definition = structuredClone(defaultProgramme());
  definition.version = 2;
  for (const m of definition.modules)
    if (m.code === "M1" || m.code === "M2") m.marking = { scheme: "score", maximum: 100, passMark: 50 };
  const programme = await storeProgrammeVersion({ tenantId, definition, loadedBy: devUsers.lead });
  await assignProgramme({ tenantId, contextId: devCourse, programme, assignedBy: devUsers.lead });

  lead = (await launchAs(tool, { userId: devUsers.lead })).token;
  mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
  mentor2 = (await launchAs(tool, { userId: devUsers.mentor2 })).token;
  tutorLearner = (await launchAs(tool, { userId: TUTOR_LEARNER })).token;
  for (const token of [mentor, mentor2, tutorLearner]) await completeEntryAudit(tool, token);
});
afterAll(() => tool?.close());

/** Submits through the API, lets the worker tell the LMS, and returns the record id. */
async function submitted(token: string, userId: string, moduleCode: string): Promise<string> {
  await prepareModule(tool, token, moduleCode);
  expect((await api().post(`/api/modules/${moduleCode}/submit`).set(bearer(token))).status).toBe(201);
  await testWorker(tool).drain();
  return (await ModuleRecord.findOne({ mentorUserId: userId, moduleCode }).lean())!._id.toString();
}

async function markedAndSent(token: string, userId: string, moduleCode: string, score: number): Promise<string> {
  const recordId = await submitted(token, userId, moduleCode);
  const marked = await api()
    .post(`/api/marking/${recordId}/mark`)
    .set(bearer(tutor))
    .send({ attempt: 1, score, feedback: "Thorough work." });
  expect(marked.status, JSON.stringify(marked.body)).toBe(201);
  await testWorker(tool).drain();
  return recordId;
}

const column = (moduleCode: string) => platformLineItem(tool, `module:${moduleCode}`)[0].id;
const lmsResult = (moduleCode: string, userId: string) =>
  tool.devPlatform!.gradebook.results(column(moduleCode)).find((r) => r.userId === userId);
const correct = (token: string, recordId: string, body: Record<string, unknown>) =>
  api().post(`/api/marking/${recordId}/correct`).set(bearer(token)).send(body);
const markChanges = async (userId: string) =>
  (
    (await api().get("/api/decisions").query({ mentorUserId: userId }).set(bearer(lead))).body.entries as Array<{
      kind: string;
      before: string | null;
      after: string | null;
      reason: string | null;
      actor: { userId: string; name: string; role: string };
      at: string;
    }>
  ).filter((e) => e.kind === "mark_change");
const readBack = () => api().post("/api/gradebook/lms-marks/read").set(bearer(tutor));
const openFor = (
  body: { marks: Array<{ id: string; mentor: { userId: string }; module: { code: string } }> },
  userId: string,
  moduleCode: string,
) => body.marks.filter((m) => m.mentor.userId === userId && m.module.code === moduleCode);

describe("a tutor corrects a mark", () => {
  let recordId: string;

  it("supersedes the old mark: the LMS gets the new score, the record and the mentor follow", async () => {
    recordId = await markedAndSent(mentor, devUsers.mentor, "M1", 72);
    expect(lmsResult("M1", devUsers.mentor)).toMatchObject({ resultScore: 72 });
    const before = await api().get(`/api/marking/${recordId}`).set(bearer(tutor));
    expect(before.body).toMatchObject({ canMark: false, canCorrect: true, markRevision: 0, corrections: [] });

    const corrected = await correct(tutor, recordId, {
      attempt: 1,
      revision: 0,
      score: 45,
      reason: "I misread the rubric: the second task is missing.",
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({
      markRevision: 1,
      latestDecision: { score: 45, passed: false, label: "45 / 100 (below the pass mark)", feedback: "Thorough work." },
      corrections: [
        {
          revision: 1,
          before: "72 / 100 (pass)",
          after: "45 / 100 (below the pass mark)",
          reason: "I misread the rubric: the second task is missing.",
          isFromLms: false,
        },
      ],
    });
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ status: "graded", passed: false });

    // The new score reaches the LMS through the outbox; the old one is never sent again.
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });
    expect(lmsResult("M1", devUsers.mentor)).toMatchObject({ resultScore: 45 });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 0 });

    // The mentor's module shows the current mark, and they are told of the mark and of its correction.
    const pathway = await api().get("/api/modules").set(bearer(mentor));
    expect(pathway.body.modules.find((m: { code: string }) => m.code === "M1")).toMatchObject({
      passed: false,
      latestDecision: { score: 45 },
    });
    const page = await api().get("/api/modules/M1").set(bearer(mentor));
    expect(page.body.history.at(-1).decision).toMatchObject({
      label: "45 / 100 (below the pass mark)",
      correction: {
        previous: "72 / 100 (pass)",
        reason: "I misread the rubric: the second task is missing.",
        isFromLms: false,
      },
    });
    const notices = (await api().get("/api/notices").set(bearer(mentor))).body.notices as Array<{
      kind: string;
      title: string;
      body: string;
    }>;
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "module_marked", title: expect.stringMatching(/^Module 1: .* is marked$/) }),
        expect.objectContaining({
          title: expect.stringMatching(/^Your mark for Module 1: .* was corrected$/),
          body: expect.stringMatching(
            /Now 45 \/ 100 \(below the pass mark\) \(was 72 \/ 100 \(pass\)\).*Reason: I misread the rubric/,
          ),
        }),
      ]),
    );
  });

  it("is kept in the decision record with the first mark: who, role, before → after, reason, hash-chained", async () => {
    const changes = await markChanges(devUsers.mentor);
    expect(changes.filter((c) => c.after?.startsWith("72 /") || c.before?.startsWith("72 /"))).toEqual([
      expect.objectContaining({
        before: "not marked",
        after: "72 / 100 (pass)",
        actor: expect.objectContaining({ userId: devUsers.tutor, role: "tutor" }),
      }),
      expect.objectContaining({
        before: "72 / 100 (pass)",
        after: "45 / 100 (below the pass mark)",
        reason: "I misread the rubric: the second task is missing.",
        actor: expect.objectContaining({ userId: devUsers.tutor, role: "tutor" }),
      }),
    ]);
    expect((await api().get("/api/decisions/verify").set(bearer(lead))).body).toMatchObject({
      isIntact: true,
      problems: [],
    });
  });

  it("of two corrections of the same mark at once, one lands and the other is told in words", async () => {
    const [a, b] = await Promise.all([
      correct(tutor, recordId, {
        attempt: 1,
        revision: 1,
        score: 60,
        reason: "Second look: the task is in the appendix.",
      }),
      correct(lead, recordId, { attempt: 1, revision: 1, score: 65, reason: "Moderation." }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.message).toMatch(
      /Someone has just corrected this mark by .*: it is now (60|65) \/ 100 \(pass\)\. Reload/,
    );
    const mark = await ModuleMark.findOne({ recordId }).lean();
    expect(mark).toMatchObject({ revision: 2 });
    expect(mark!.corrections).toHaveLength(2);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ passed: true });
    // A correction made on a revision already corrected is refused the same way; nothing is written.
    const stale = await correct(tutor, recordId, { attempt: 1, revision: 1, score: 70, reason: "Late." });
    expect(stale.status).toBe(409);
    expect((await ModuleMark.findOne({ recordId }).lean())!.corrections).toHaveLength(2);
  });

  it("needs a reason and a valid mark, named as the form labels them", async () => {
    const noReason = await correct(tutor, recordId, { attempt: 1, revision: 2, score: 40 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/Reason for the correction/);
    const tooHigh = await correct(tutor, recordId, { attempt: 1, revision: 2, score: 140, reason: "Typo." });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.message).toMatch(/at most 100/);
    expect((await ModuleMark.findOne({ recordId }).lean())!.corrections).toHaveLength(2);
    expect((await correct(tutor, "not-an-id", { attempt: 1, revision: 2, score: 40, reason: "x" })).status).toBe(400);
  });

  it("is for the course's tutors only, and never on one's own work", async () => {
    const revision = (await ModuleMark.findOne({ recordId }).lean())!.revision;
    expect(
      (await api().post(`/api/marking/${recordId}/correct`).send({ attempt: 1, revision, score: 40, reason: "x" }))
        .status,
    ).toBe(401);
    // The mentor cannot correct their own mark; another mentor cannot even see it.
    const ownMark = await correct(mentor, recordId, { attempt: 1, revision, score: 90, reason: "I deserve more." });
    expect(ownMark.status).toBe(403);
    expect(ownMark.body.error.message).toMatch(/tutors/);
    expect(
      (await correct(mentor2, recordId, { attempt: 1, revision, score: 90, reason: "For a friend." })).status,
    ).toBe(404);

    // A tutor who is also a mentor in the course cannot correct their own mark.
    const own = await markedAndSent(tutorLearner, TUTOR_LEARNER, "M1", 55);
    const refused = await correct(tutorLearner, own, {
      attempt: 1,
      revision: 0,
      score: 90,
      reason: "Raising my own mark.",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect(await ModuleMark.findOne({ recordId: own }).lean()).toMatchObject({ score: 55, revision: 0 });
    expect((await api().get(`/api/marking/${own}`).set(bearer(tutorLearner))).body).toMatchObject({
      canCorrect: false,
    });
  });
});

describe("a mark changed in the LMS after the tool marked", () => {
  it("is offered with its source, adopted in one click as a correction, and not sent back", async () => {
    const recordId = await markedAndSent(mentor2, devUsers.mentor2, "M1", 80);
    tool.devPlatform!.gradebook.overrideResult(
      column("M1"),
      devUsers.mentor2,
      58,
      "Moderated down at the exam board's sample.",
    );

    const read = await readBack();
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const [offered] = openFor(read.body, devUsers.mentor2, "M1");
    expect(offered).toMatchObject({
      kind: "proposal",
      adoptAs: "correction",
      canAdopt: true,
      tool: { scoreGiven: 80 },
      lms: { score: 58 },
      source: expect.stringMatching(/gradebook/),
    });

    const adopted = await api().post(`/api/gradebook/lms-marks/${offered.id}/adopt`).set(bearer(tutor));
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    const mark = await ModuleMark.findOne({ recordId }).lean();
    expect(mark).toMatchObject({
      score: 58,
      passed: true,
      revision: 1,
      feedback: "Moderated down at the exam board's sample.",
    });
    expect(mark!.corrections[0]).toMatchObject({
      lmsMarkId: offered.id,
      correctedBy: devUsers.tutor,
      reason: expect.stringMatching(/^Changed in the .*gradebook/),
    });
    const detail = await api().get(`/api/marking/${recordId}`).set(bearer(tutor));
    expect(detail.body.corrections).toEqual([
      expect.objectContaining({ before: "80 / 100 (pass)", after: "58 / 100 (pass)", isFromLms: true }),
    ]);

    // Already in the LMS: nothing goes back, and reading again offers nothing (never a conflict).
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 0 });
    expect(lmsResult("M1", devUsers.mentor2)).toMatchObject({ resultScore: 58 });
    const again = await readBack();
    expect(again.body.read).toMatchObject({ proposed: 0, conflicts: 0 });
    expect(openFor(again.body, devUsers.mentor2, "M1")).toEqual([]);
    expect((await markChanges(devUsers.mentor2)).at(-1)).toMatchObject({
      before: "80 / 100 (pass)",
      after: "58 / 100 (pass)",
      reason: expect.stringMatching(/Changed in the/),
    });
  });

  it("when the tool's mark changed too since the last delivery, is a conflict a person settles", async () => {
    const recordId = await markedAndSent(mentor2, devUsers.mentor2, "M2", 70);
    // The tutor corrects in the tool (not sent yet) while someone changes the LMS.
    expect(
      (await correct(tutor, recordId, { attempt: 1, revision: 0, score: 75, reason: "Re-marked the reflection." }))
        .status,
    ).toBe(200);
    tool.devPlatform!.gradebook.overrideResult(column("M2"), devUsers.mentor2, 52, "Changed in the gradebook.");

    const read = await readBack();
    expect(read.body.read).toMatchObject({ conflicts: 1 });
    const [conflict] = openFor(read.body, devUsers.mentor2, "M2");
    expect(conflict).toMatchObject({
      kind: "conflict",
      tool: { scoreGiven: 70 },
      toolPending: { scoreGiven: 75 },
      lms: { score: 52 },
      adoptAs: "correction",
      canAdopt: true,
    });

    // The person settles it for the LMS's mark: a correction of the tool's 75, sent so both places agree.
    expect((await api().post(`/api/gradebook/lms-marks/${conflict.id}/adopt`).set(bearer(tutor))).status).toBe(200);
    expect(await ModuleMark.findOne({ recordId }).lean()).toMatchObject({ score: 52, revision: 2 });
    await testWorker(tool).drain();
    expect(lmsResult("M2", devUsers.mentor2)).toMatchObject({ resultScore: 52 });
    // The tool's 75 was superseded in the outbox, never sent over the chosen mark.
    expect(
      await GradeRecord.findOne({
        mentorUserId: devUsers.mentor2,
        "lineItem.resourceId": "module:M2",
        scoreGiven: 75,
      }).lean(),
    ).toMatchObject({ delivery: { status: "superseded" } });
    const after = await readBack();
    expect(after.body.read).toMatchObject({ proposed: 0, conflicts: 0 });
    expect(openFor(after.body, devUsers.mentor2, "M2")).toEqual([]);
  });
});

describe("a correction whose server stopped after the write", () => {
  it("is finished once by the mark-follow-ups job: the score sent, the record moved, the entry and the notice written", async () => {
    const recordId = await markedAndSent(mentor, devUsers.mentor, "M2", 64);
    const mark = (await ModuleMark.findOne({ recordId }).lean())!;
    // The correction's one write, as the command makes it, and nothing after it.
    const correctedAt = new Date();
    await ModuleMark.updateOne(
      { _id: mark._id, revision: 0 },
      {
        $set: { score: 30, passed: false, revision: 1, followUpsDoneAt: null },
        $push: {
          corrections: {
            revision: 1,
            before: { score: 64, passed: true, feedback: mark.feedback },
            after: { score: 30, passed: false, feedback: mark.feedback },
            reason: "Second marker disagreed.",
            correctedBy: devUsers.lead,
            correctedByName: "Lead",
            correctedByRoles: ["lead"],
            correctedAt,
          },
        },
      },
    );
    // A negative grace takes marks written this very millisecond too.
    await Promise.all([sweepMarkFollowUps(-1000), sweepMarkFollowUps(-1000)]);
    expect(await ModuleRecord.findById(recordId).lean()).toMatchObject({ passed: false });
    const after = (await ModuleMark.findOne({ recordId }).lean())!;
    expect(after.followUpsDoneAt).not.toBeNull();
    expect(after.corrections[0].followUpsDoneAt).not.toBeNull();
    expect(await GradeRecord.countDocuments({ dedupeKey: `module-mark:${mark._id.toString()}:correction:1` })).toBe(1);
    expect(await DecisionEntry.countDocuments({ eventKey: `mark-change:${mark._id.toString()}:1` })).toBe(1);
    expect(await Notice.countDocuments({ key: `module-mark:${mark._id.toString()}:correction:1` })).toBe(1);
    expect(await sweepMarkFollowUps(-1000)).toBe(0);
    await testWorker(tool).drain();
    expect(lmsResult("M2", devUsers.mentor)).toMatchObject({ resultScore: 30 });
  });
});

describe("credit follows the corrected mark", () => {
  /** A mentor whose Module 1 the tutor passed with 72, with every other condition of the credit rule met and a provisional award. */
  async function mentorWithCredit(userId: string): Promise<{ recordId: string; awardId: string }> {
    const token = (await launchAs(tool, { userId })).token;
    await completeEntryAudit(tool, token);
    const recordId = await markedAndSent(token, userId, "M1", 72);
    const tenantId = await devTenantId(tool);
    await buildPassedModules({
      tenantId,
      contextId: devCourse,
      mentorUserId: userId,
      codes: ["M2", "M3", "M4", "M5", "M6"],
    });
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId: userId });
    const { awardId } = await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId: userId });
    expect(awardId).toBeTruthy();
    expect((await api().get(`/api/credits/${awardId}`).set(bearer(lead))).body.status).toBe("provisional");
    return { recordId, awardId: awardId! };
  }

  it("a pass corrected to a fail before ratification reverses the provisional credit, on the record", async () => {
    const { recordId, awardId } = await mentorWithCredit(CREDIT_MENTORS[0]);
    expect(
      (await correct(tutor, recordId, { attempt: 1, revision: 0, score: 40, reason: "Plagiarised section found." }))
        .status,
    ).toBe(200);
    expect((await api().get(`/api/credits/${awardId}`).set(bearer(lead))).body.status).toBe("reversed");
    const entries = (await api().get("/api/decisions").query({ mentorUserId: CREDIT_MENTORS[0] }).set(bearer(lead)))
      .body.entries as Array<{ kind: string; subject: string; reason: string | null }>;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "reversal",
          subject: `credit:${awardId}`,
          reason: expect.stringMatching(/Module M1 mark corrected from 72 \/ 100 \(pass\) to 40 \/ 100 .*Plagiarised/),
        }),
      ]),
    );

    // Corrected back to a pass (the plagiarism finding withdrawn): the credit is earned again as a
    // new provisional award; the reversed one stays on the ledger as it was.
    expect(
      (
        await correct(tutor, recordId, {
          attempt: 1,
          revision: 1,
          score: 70,
          reason: "Finding withdrawn by the academic conduct panel.",
        })
      ).status,
    ).toBe(200);
    const awards = await CreditLedgerEntry.find({ mentorUserId: CREDIT_MENTORS[0], kind: "award" })
      .sort({ recordedAt: 1 })
      .lean();
    expect(awards.map((a) => a._id.toString())[0]).toBe(awardId);
    expect(awards).toHaveLength(2);
    expect((await api().get(`/api/credits/${awardId}`).set(bearer(lead))).body.status).toBe("reversed");
    expect((await api().get(`/api/credits/${awards[1]._id.toString()}`).set(bearer(lead))).body.status).toBe(
      "provisional",
    );
  });

  it("a fail corrected to a pass completes the credit rule and writes the provisional award", async () => {
    const userId = CREDIT_MENTORS[2];
    const token = (await launchAs(tool, { userId })).token;
    await completeEntryAudit(tool, token);
    const recordId = await markedAndSent(token, userId, "M1", 40);
    const tenantId = await devTenantId(tool);
    await buildPassedModules({
      tenantId,
      contextId: devCourse,
      mentorUserId: userId,
      codes: ["M2", "M3", "M4", "M5", "M6"],
    });
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId: userId });
    const awards = () => CreditLedgerEntry.find({ mentorUserId: userId, kind: "award" }).lean();
    expect(await awards()).toHaveLength(0);

    expect(
      (await correct(tutor, recordId, { attempt: 1, revision: 0, score: 72, reason: "Added up the criteria wrongly." }))
        .status,
    ).toBe(200);
    const [award] = await awards();
    expect(award).toBeTruthy();
    expect((await api().get(`/api/credits/${award._id.toString()}`).set(bearer(lead))).body.status).toBe("provisional");
  });

  it("once the exam board ratified the credit, the correction is refused in words and nothing changes", async () => {
    const { recordId, awardId } = await mentorWithCredit(CREDIT_MENTORS[1]);
    expect(
      (
        await api()
          .post(`/api/credits/${awardId}/ratify`)
          .set(bearer(lead))
          .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      ).status,
    ).toBe(200);
    const refused = await correct(tutor, recordId, {
      attempt: 1,
      revision: 0,
      score: 40,
      reason: "Plagiarised section found.",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /exam board ratified the credit this module counts towards on 2026-11-20 \(EB-2026-11\).*Ask the programme lead to reverse the credit first/,
    );
    expect(await ModuleMark.findOne({ recordId }).lean()).toMatchObject({ score: 72, revision: 0 });
    expect((await api().get(`/api/credits/${awardId}`).set(bearer(lead))).body.status).toBe("ratified");

    // The lead reverses the credit, as the refusal says; then the correction lands and, the module
    // still passed, the mentor earns the credit again as a new provisional award for the board.
    expect(
      (
        await api()
          .post(`/api/credits/${awardId}/reverse`)
          .set(bearer(lead))
          .send({ reason: "Module 1 mark to be corrected." })
      ).status,
    ).toBe(200);
    expect(
      (await correct(tutor, recordId, { attempt: 1, revision: 0, score: 65, reason: "Moderation lowered the mark." }))
        .status,
    ).toBe(200);
    const awards = await CreditLedgerEntry.find({ mentorUserId: CREDIT_MENTORS[1], kind: "award" })
      .sort({ recordedAt: 1 })
      .lean();
    expect(awards).toHaveLength(2);
    expect((await api().get(`/api/credits/${awards[1]._id.toString()}`).set(bearer(lead))).body.status).toBe(
      "provisional",
    );
  });

  it("a reversal no correction came after stays final: the credit check does not award again", async () => {
    const { awardId } = await mentorWithCredit(CREDIT_MENTORS[3]);
    expect(
      (await api().post(`/api/credits/${awardId}/reverse`).set(bearer(lead)).send({ reason: "Recorded in error" }))
        .status,
    ).toBe(200);
    const again = await awardCreditsIfEligible({
      tenantId: await devTenantId(tool),
      contextId: devCourse,
      mentorUserId: CREDIT_MENTORS[3],
    });
    expect(again).toMatchObject({ awarded: true, awardId, created: false });
    expect(await CreditLedgerEntry.countDocuments({ mentorUserId: CREDIT_MENTORS[3], kind: "award" })).toBe(1);
  });
});
