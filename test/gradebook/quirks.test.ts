import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { bearer, devUsers } from "../support/launch";
import { markModule, platformLineItem, startDrivenTool, testWorker } from "./support";

/**
 * Grade passback against the development platform imitating each LMS's gradebook
 * (docs/LMS-QUIRKS.md), through the real worker and the real AGS protocol.
 */

const statusOf = async (id: string) => (await GradeRecord.findById(id).lean())!.delivery!;
const wholeSecond = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A tool whose development platform behaves like one LMS, with a tutor launched. */
const toolLike = (quirks: "moodle" | "canvas" | "blackboard") => startDrivenTool({ DEV_PLATFORM_QUIRKS: quirks });

/** The column for a module and the mentor's scores in it, as the LMS recorded them. */
function lmsCell(tool: RunningTool, module: string, mentor: string) {
  const columns = platformLineItem(tool, `module:${module}`);
  expect(columns).toHaveLength(1);
  const gradebook = tool.devPlatform!.gradebook;
  return {
    scores: gradebook.scores(columns[0].id).filter((s) => s.userId === mentor),
    result: gradebook.results(columns[0].id).find((r) => r.userId === mentor),
  };
}

describe("Moodle", () => {
  let tool: RunningTool;
  let tutor: string;
  beforeAll(async () => ({ tool, tutor } = await toolLike("moodle")));
  afterAll(() => tool?.close());

  it("takes two marks made within the same second, ending with the newest", async () => {
    // Both marks inside one wall-clock second: Moodle refuses a timestamp not newer to the second.
    const second = Math.floor(Date.now() / 1000) * 1000;
    const first = await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M3",
      score: 55,
      comment: "First look",
      gradedAt: new Date(second + 100),
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });
    const second2 = await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M3",
      score: 68,
      comment: "After moderation",
      gradedAt: new Date(second + 600),
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    expect((await statusOf(first)).status).toBe("delivered");
    expect((await statusOf(second2)).status).toBe("delivered");
    const { scores, result } = lmsCell(tool, "M3", devUsers.mentor);
    expect(scores.map((s) => s.scoreGiven)).toEqual([55, 68]);
    expect(wholeSecond(scores[1].timestamp)).toBeGreaterThan(wholeSecond(scores[0].timestamp));
    expect(result).toMatchObject({ resultScore: 68, resultMaximum: 100, comment: "After moderation" });

    // A third in the same second still goes after both.
    const third = await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M3",
      score: 70,
      gradedAt: new Date(second + 900),
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });
    expect((await statusOf(third)).status).toBe("delivered");
    const after = lmsCell(tool, "M3", devUsers.mentor);
    expect(after.scores.map((s) => s.scoreGiven)).toEqual([55, 68, 70]);
    expect(wholeSecond(after.scores[2].timestamp)).toBeGreaterThan(wholeSecond(after.scores[1].timestamp));
    expect(after.result?.resultScore).toBe(70);
  });

  it("caps a score above the maximum in the LMS while our record keeps the mark as given", async () => {
    const id = await markModule(tool, {
      mentor: devUsers.mentor2,
      module: "M4",
      score: 120,
      comment: "Beyond the scale",
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    const { scores, result } = lmsCell(tool, "M4", devUsers.mentor2);
    expect(scores.map((s) => [s.scoreGiven, s.scoreMaximum])).toEqual([[100, 100]]);
    expect(result).toMatchObject({ resultScore: 100, resultMaximum: 100 });
    const record = (await GradeRecord.findById(id).lean())!;
    expect(record.scoreGiven).toBe(120);
    expect(record.delivery!.status).toBe("delivered");

    // Read-back shows tutors that the VLE holds something other than the mark given.
    const read = await request(tool.url).get("/api/gradebook/line-items/module:M4/results").set(bearer(tutor));
    expect(read.status).toBe(200);
    expect(
      read.body.rows.find((r: { mentor: { userId: string } }) => r.mentor.userId === devUsers.mentor2),
    ).toMatchObject({
      tool: { scoreGiven: 120, scoreMaximum: 100 },
      lms: { resultScore: 100 },
      comparison: "differs",
    });
  });
});

describe("Canvas", () => {
  let tool: RunningTool;
  let tutor: string;
  beforeAll(async () => ({ tool, tutor } = await toolLike("canvas")));
  afterAll(() => tool?.close());

  it("keeps every score we send: each has scoreMaximum with scoreGiven and is FullyGraded", async () => {
    await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M1",
      score: 0,
      maximum: 1,
      comment: "Resubmit the paperwork log",
    });
    await markModule(tool, { mentor: devUsers.mentor2, module: "M3", score: 81, comment: null });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 2, failed: 0 });
    // A re-mark (a resubmission passed) replaces the first.
    await markModule(tool, { mentor: devUsers.mentor, module: "M1", score: 1, maximum: 1, comment: "Now complete" });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    const gradebook = tool.devPlatform!.gradebook;
    const sent = ["M1", "M3"].flatMap((m) => gradebook.scores(platformLineItem(tool, `module:${m}`)[0].id));
    expect(sent).toHaveLength(3);
    for (const score of sent) {
      expect(score.scoreGiven).toEqual(expect.any(Number));
      expect(score.scoreMaximum).toEqual(expect.any(Number));
      expect(score).toMatchObject({ gradingProgress: "FullyGraded", activityProgress: "Completed" });
    }
    expect(lmsCell(tool, "M1", devUsers.mentor).result).toMatchObject({
      resultScore: 1,
      resultMaximum: 1,
      comment: "Now complete",
    });
    expect(lmsCell(tool, "M3", devUsers.mentor2).result).toMatchObject({ resultScore: 81, resultMaximum: 100 });

    // Canvas rescales to the column's points; read-back compares proportions and finds them the same.
    const read = await request(tool.url).get("/api/gradebook/line-items/module:M3/results").set(bearer(tutor));
    expect(
      read.body.rows.find((r: { mentor: { userId: string } }) => r.mentor.userId === devUsers.mentor2).comparison,
    ).toBe("same");
  });
});

describe("Blackboard Learn", () => {
  let tool: RunningTool;
  beforeAll(async () => ({ tool } = await toolLike("blackboard")));
  afterAll(() => tool?.close());

  it("keeps the earlier comment when a re-mark has no feedback", async () => {
    await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M5",
      score: 48,
      comment: "Link the lesson study to standard 3",
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });
    await markModule(tool, { mentor: devUsers.mentor, module: "M5", score: 62, comment: null });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, failed: 0 });

    const { scores, result } = lmsCell(tool, "M5", devUsers.mentor);
    expect(scores.map((s) => s.scoreGiven)).toEqual([48, 62]);
    expect(result).toMatchObject({ resultScore: 62, comment: "Link the lesson study to standard 3" });
  });

  it("keeps the earlier comment when the feedback and the re-mark were waiting together", async () => {
    // Both pending at once: only the newest is sent, and it must still carry the earlier feedback.
    const base = Date.now();
    await markModule(tool, {
      mentor: devUsers.mentor2,
      module: "M6",
      score: 30,
      comment: "Observe two more lessons",
      gradedAt: new Date(base),
    });
    await markModule(tool, {
      mentor: devUsers.mentor2,
      module: "M6",
      score: 45,
      comment: "",
      gradedAt: new Date(base + 5),
    });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1, superseded: 0, failed: 0 });

    const { scores, result } = lmsCell(tool, "M6", devUsers.mentor2);
    expect(scores.map((s) => s.scoreGiven)).toEqual([45]);
    expect(result).toMatchObject({ resultScore: 45, comment: "Observe two more lessons" });
  });
});
