import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { completeEntryAudit, prepareModule } from "../programme/helpers";
import { bearer, devUsers, launchAs } from "../support/launch";
import { platformLineItem, startDrivenTool, testWorker } from "./support";

/**
 * Submissions reach the LMS as needing marking (Submitted/PendingManual, no score, the submission
 * time), through the real outbox and worker, against the development platform over AGS; marks
 * then supersede them, and work returned for more reaches the LMS as in progress, never as 0.
 */

interface Cast {
  tool: RunningTool;
  tutor: string;
  mentor: string;
  mentor2: string;
}

async function startCast(env: Record<string, string> = {}): Promise<Cast> {
  const { tool, tutor } = await startDrivenTool(env);
  const mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
  const mentor2 = (await launchAs(tool, { userId: devUsers.mentor2 })).token;
  await completeEntryAudit(tool, mentor);
  await completeEntryAudit(tool, mentor2);
  return { tool, tutor, mentor, mentor2 };
}

/** Submits a module through the API; returns the record id and when it was submitted. */
async function submit(c: Cast, token: string, userId: string, moduleCode: string, reflection?: string) {
  await prepareModule(c.tool, token, moduleCode, reflection);
  const res = await request(c.tool.url).post(`/api/modules/${moduleCode}/submit`).set(bearer(token));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const record = (await ModuleRecord.findOne({ mentorUserId: userId, moduleCode }).lean())!;
  return { id: record._id.toString(), attempt: record.attempt, submittedAt: record.submittedAt! };
}

const decide = (c: Cast, recordId: string, kind: "mark" | "return", body: Record<string, unknown>) =>
  request(c.tool.url).post(`/api/marking/${recordId}/${kind}`).set(bearer(c.tutor)).send(body);

/** What the LMS holds for a mentor in a module's column. */
function lmsCell(tool: RunningTool, moduleCode: string, userId: string) {
  const [column] = platformLineItem(tool, `module:${moduleCode}`);
  const gradebook = tool.devPlatform!.gradebook;
  return {
    scores: gradebook.scores(column.id).filter((s) => s.userId === userId),
    latest: gradebook.latest(column.id, userId),
    result: gradebook.results(column.id).find((r) => r.userId === userId),
  };
}

describe("a submission in the standard LMS", () => {
  let c: Cast;
  beforeAll(async () => (c = await startCast()));
  afterAll(() => c?.tool.close());

  it("shows as needing marking with its submission time, then the mark supersedes it", async () => {
    const work = await submit(c, c.mentor, devUsers.mentor, "M1");
    expect(await testWorker(c.tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    const submitted = lmsCell(c.tool, "M1", devUsers.mentor);
    expect(submitted.latest).toMatchObject({
      activityProgress: "Submitted",
      gradingProgress: "PendingManual",
      submission: { submittedAt: work.submittedAt.toISOString() },
    });
    expect(submitted.latest).not.toHaveProperty("scoreGiven");
    expect(Math.floor(Date.parse(submitted.latest!.timestamp) / 1000)).toBe(
      Math.floor(work.submittedAt.getTime() / 1000),
    );
    expect(submitted.result?.resultScore).toBeUndefined();

    expect(
      (await decide(c, work.id, "mark", { attempt: 1, outcome: "pass", feedback: "A clear account." })).status,
    ).toBe(201);
    expect(await testWorker(c.tool).drain()).toMatchObject({ delivered: 1, failed: 0 });
    const marked = lmsCell(c.tool, "M1", devUsers.mentor);
    expect(marked.scores.map((s) => s.gradingProgress)).toEqual(["PendingManual", "FullyGraded"]);
    expect(marked.latest).toMatchObject({
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      scoreGiven: 1,
      scoreMaximum: 1,
      comment: "A clear account.",
    });
    expect(Date.parse(marked.scores[1].timestamp)).toBeGreaterThan(Date.parse(marked.scores[0].timestamp));
    expect(marked.result).toMatchObject({ resultScore: 1 });
  });

  it("sends only the mark when it is made before the submission went out (coalesced per cell)", async () => {
    const work = await submit(c, c.mentor2, devUsers.mentor2, "M1");
    expect((await decide(c, work.id, "mark", { attempt: 1, outcome: "pass", feedback: "Complete." })).status).toBe(201);
    expect(await testWorker(c.tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    expect(lmsCell(c.tool, "M1", devUsers.mentor2).scores.map((s) => [s.gradingProgress, s.scoreGiven])).toEqual([
      ["FullyGraded", 1],
    ]);
    const records = await GradeRecord.find({ mentorUserId: devUsers.mentor2, "lineItem.resourceId": "module:M1" })
      .sort({ gradedAt: 1 })
      .lean();
    expect(records.map((r) => [r.progress?.grading, r.delivery?.status])).toEqual([
      ["PendingManual", "superseded"],
      ["FullyGraded", "delivered"],
    ]);
  });

  it("never lets a late submission record overtake a mark the LMS already has", async () => {
    const [record] = await GradeRecord.find({
      mentorUserId: devUsers.mentor2,
      "lineItem.resourceId": "module:M1",
      "progress.grading": "PendingManual",
    }).lean();
    // The submission's record comes round again (say, a retry after a crash) after the mark was delivered.
    await GradeRecord.updateOne(
      { _id: record._id },
      { $set: { "delivery.status": "pending", "delivery.nextAttemptAt": new Date() } },
    );
    expect(await testWorker(c.tool).drain()).toMatchObject({ delivered: 0, superseded: 1 });
    expect(lmsCell(c.tool, "M1", devUsers.mentor2).latest).toMatchObject({
      gradingProgress: "FullyGraded",
      scoreGiven: 1,
    });
  });

  it("sends work returned for more, and a resubmit outcome, as in progress with the feedback and no score", async () => {
    const work = await submit(c, c.mentor, devUsers.mentor, "M2");
    expect((await decide(c, work.id, "return", { attempt: 1, feedback: "Add your meeting notes." })).status).toBe(201);
    await testWorker(c.tool).drain();
    let cell = lmsCell(c.tool, "M2", devUsers.mentor);
    expect(cell.latest).toMatchObject({
      activityProgress: "InProgress",
      gradingProgress: "Pending",
      comment: "Add your meeting notes.",
    });
    expect(cell.latest).not.toHaveProperty("scoreGiven");

    const again = await submit(c, c.mentor, devUsers.mentor, "M2", "With my meeting notes.");
    expect(again.attempt).toBe(2);
    await testWorker(c.tool).drain();
    expect(lmsCell(c.tool, "M2", devUsers.mentor).latest).toMatchObject({
      activityProgress: "Submitted",
      gradingProgress: "PendingManual",
      submission: { submittedAt: again.submittedAt.toISOString() },
    });

    expect(
      (
        await decide(c, work.id, "mark", {
          attempt: 2,
          outcome: "resubmit",
          feedback: "Link the notes to the standards.",
        })
      ).status,
    ).toBe(201);
    await testWorker(c.tool).drain();
    cell = lmsCell(c.tool, "M2", devUsers.mentor);
    expect(cell.latest).toMatchObject({
      activityProgress: "InProgress",
      gradingProgress: "Pending",
      comment: "Link the notes to the standards.",
    });
    // Never a 0 that reads as a fail in the gradebook.
    expect(cell.scores.some((s) => s.scoreGiven === 0)).toBe(false);
    expect(cell.result?.resultScore).toBeUndefined();
  });
});

describe("a submission in Canvas", () => {
  let c: Cast;
  beforeAll(async () => (c = await startCast({ DEV_PLATFORM_QUIRKS: "canvas" })));
  afterAll(() => c?.tool.close());

  it("carries Canvas's submission extension with submitted_at", async () => {
    const work = await submit(c, c.mentor, devUsers.mentor, "M1");
    expect(await testWorker(c.tool).drain()).toMatchObject({ delivered: 1, failed: 0 });
    expect(lmsCell(c.tool, "M1", devUsers.mentor).latest).toMatchObject({
      activityProgress: "Submitted",
      gradingProgress: "PendingManual",
      canvasSubmission: { new_submission: true, submitted_at: work.submittedAt.toISOString() },
    });
  });
});

describe("a submission in Blackboard", () => {
  let c: Cast;
  beforeAll(async () => (c = await startCast({ DEV_PLATFORM_QUIRKS: "blackboard" })));
  afterAll(() => c?.tool.close());

  it("keeps the tutor's feedback when the resubmission (which has none) arrives", async () => {
    const work = await submit(c, c.mentor, devUsers.mentor, "M2");
    expect((await decide(c, work.id, "return", { attempt: 1, feedback: "Add your meeting notes." })).status).toBe(201);
    await testWorker(c.tool).drain();
    await submit(c, c.mentor, devUsers.mentor, "M2", "With my meeting notes.");
    expect(await testWorker(c.tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    const cell = lmsCell(c.tool, "M2", devUsers.mentor);
    expect(cell.latest).toMatchObject({ gradingProgress: "PendingManual", comment: "Add your meeting notes." });
    expect(cell.result?.comment).toBe("Add your meeting notes.");
  });
});
