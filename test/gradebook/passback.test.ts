import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { claimCellLease } from "../../server/src/gradebook/cellLease";
import { startTestTool } from "../support/server";
import { devUsers, launchAs } from "../support/launch";
import { markModule, platformLineItem, testWorker } from "./support";

let tool: RunningTool;

beforeAll(async () => {
  tool = await startTestTool();
  // Tests drive delivery themselves; the background poller would race their assertions.
  await tool.gradebook.stop();
  // A tutor launch gives the course its AGS endpoints.
  await launchAs(tool, { userId: devUsers.tutor });
});
afterAll(() => tool?.close());

const statusOf = async (id: string) => (await GradeRecord.findById(id).lean())!.delivery!;

describe("grade passback through the outbox", () => {
  it("delivers a mark as a FullyGraded score with the feedback, creating the column once", async () => {
    const id = await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M3",
      score: 72,
      comment: "Strong observation notes",
    });
    const summary = await testWorker(tool).drain();
    expect(summary.delivered).toBe(1);

    const [column] = platformLineItem(tool, "module:M3");
    expect(column).toMatchObject({ tag: "mentor-pathways", scoreMaximum: 100 });
    const score = tool.devPlatform!.gradebook.latest(column.id, devUsers.mentor)!;
    expect(score).toMatchObject({
      scoreGiven: 72,
      scoreMaximum: 100,
      comment: "Strong observation notes",
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    const delivery = await statusOf(id);
    expect(delivery.status).toBe("delivered");
    expect(delivery.deliveredAt).toBeInstanceOf(Date);

    // A second mark on the same module reuses the column rather than making another.
    await markModule(tool, { mentor: devUsers.mentor2, module: "M3", score: 55 });
    await testWorker(tool).drain();
    expect(platformLineItem(tool, "module:M3")).toHaveLength(1);
  });

  it("coalesces pending marks to the newest and keeps timestamps strictly increasing", async () => {
    const base = Date.now();
    const ids = [];
    // Same second for all three: the LMS must still see a strictly newer timestamp each time.
    for (const [i, score] of [40, 50, 60].entries()) {
      ids.push(await markModule(tool, { mentor: devUsers.mentor, module: "M4", score, gradedAt: new Date(base + i) }));
    }
    await testWorker(tool).drain();
    const [column] = platformLineItem(tool, "module:M4");
    const scores = tool.devPlatform!.gradebook.scores(column.id).filter((s) => s.userId === devUsers.mentor);
    expect(scores.map((s) => s.scoreGiven)).toEqual([60]);
    expect((await statusOf(ids[0])).status).toBe("superseded");
    expect((await statusOf(ids[1])).status).toBe("superseded");
    expect((await statusOf(ids[2])).status).toBe("delivered");

    await markModule(tool, { mentor: devUsers.mentor, module: "M4", score: 65, gradedAt: new Date(base + 3) });
    await testWorker(tool).drain();
    const after = tool.devPlatform!.gradebook.scores(column.id).filter((s) => s.userId === devUsers.mentor);
    expect(after.map((s) => s.scoreGiven)).toEqual([60, 65]);
    expect(Date.parse(after[1].timestamp) - Date.parse(after[0].timestamp)).toBeGreaterThanOrEqual(1000);
  });

  it("retries 500s, 429s, timeouts and resets until every mark lands, in order", async () => {
    const platform = tool.devPlatform!;
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    platform.faults.set({
      rate: 0.5,
      kinds: [500, 429, "timeout", "reset"],
      endpoints: ["scores", "lineitems", "token"],
      timeoutMs: 5_000,
      random,
    });
    try {
      const modules = ["M1", "M2", "M5", "M6"];
      for (const module of modules) {
        for (const mentor of [devUsers.mentor, devUsers.mentor2]) {
          await markModule(tool, { mentor, module, score: 0, maximum: module < "M3" ? 1 : 100 });
          await markModule(tool, { mentor, module, score: 1, maximum: module < "M3" ? 1 : 100 });
        }
      }
      // The platform's 429s ask for a second's pause; a clock moved by hand honours it without waiting.
      let clock = Date.now();
      const worker = testWorker(tool, { timeoutMs: 300, now: () => clock });
      let retries = 0;
      for (
        let pass = 0;
        pass < 300 && (await GradeRecord.countDocuments({ "delivery.status": "pending" })) > 0;
        pass++
      ) {
        clock += 1_500;
        retries += (await worker.runOnce()).retry;
      }
      expect(retries).toBeGreaterThan(0);
      expect(platform.faults.stats().injected).toBeGreaterThan(0);
    } finally {
      platform.faults.clear();
    }
    for (const module of ["M1", "M2", "M5", "M6"]) {
      const columns = platformLineItem(tool, `module:${module}`);
      expect(columns).toHaveLength(1);
      for (const mentor of [devUsers.mentor, devUsers.mentor2]) {
        expect(platform.gradebook.latest(columns[0].id, mentor)?.scoreGiven).toBe(1);
      }
    }
    expect(await GradeRecord.countDocuments({ "delivery.status": { $in: ["pending", "failed"] } })).toBe(0);
  });

  it("refreshes an expired access token instead of failing", async () => {
    await markModule(tool, { mentor: devUsers.mentor2, module: "M5", score: 77 });
    tool.devPlatform!.accessTokens.expireAll();
    const summary = await testWorker(tool).drain();
    expect(summary).toMatchObject({ delivered: 1, failed: 0 });
  });

  it("surfaces a permanent refusal with the LMS's message and does not retry it", async () => {
    // Priya is on the roster of the other course only through the platform's refusal: not a member here.
    const id = await markModule(tool, { mentor: "nobody-here", module: "M6", score: 10 });
    const summary = await testWorker(tool).drain();
    expect(summary.failed).toBe(1);
    const delivery = await statusOf(id);
    expect(delivery.status).toBe("failed");
    expect(delivery.lastStatus).toBe(400);
    expect(delivery.lastError).toMatch(/not a member/);
    expect(delivery.attempts).toBe(1);
  });

  it("never sends a cell twice at once, and takes over a crashed worker's lease when it expires", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor, module: "M1", score: 1, maximum: 1 });
    let clock = Date.now();
    const now = () => clock;
    const record = (await GradeRecord.findById(id).lean())!;

    // A worker that claimed the cell and then died: its lease stays taken for its slot.
    const crashed = await claimCellLease(record.cellKey!, clock, 10_000);
    expect(crashed).not.toBeNull();
    const before = await testWorker(tool, { now, leaseMs: 10_000 }).runOnce();
    expect(before.busy).toBe(1);
    expect((await statusOf(id)).status).toBe("pending");

    clock = crashed!.expiresAt + 1;
    const [column] = platformLineItem(tool, "module:M1");
    const count = () => tool.devPlatform!.gradebook.scores(column.id).length;
    const sentBefore = count();
    // Three processes race for the same cell after the lease expired: exactly one send.
    const results = await Promise.all([1, 2, 3].map(() => testWorker(tool, { now, leaseMs: 10_000 }).runOnce()));
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(count()).toBe(sentBefore + 1);
    expect((await statusOf(id)).status).toBe("delivered");
  });
});
