import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { bearer, devUsers } from "../support/launch";
import { markModule, platformLineItem, startDrivenTool, testWorker } from "./support";

/**
 * Each LMS's rules (docs/LMS-QUIRKS.md), through the real worker against the development
 * platform imitating that LMS: Canvas's throttling is retried to delivery and calls are paced
 * per token; Moodle's and Brightspace's refusal of someone they do not grade reaches tutors in words.
 */

const deliveryOf = async (id: string) => (await GradeRecord.findById(id).lean())!.delivery!;
const scorePosts = (tool: RunningTool) =>
  tool.devPlatform!.requests().filter((r) => r.method === "POST" && r.path.endsWith("/scores"));

/** Scripted randomness for the fault injector: the first `n` requests fault, the rest do not. */
function firstN(n: number): () => number {
  let draws = 0;
  return () => (draws++ < n ? 0 : 0.99);
}

describe("Canvas throttling", () => {
  let tool: RunningTool;
  beforeAll(async () => ({ tool } = await startDrivenTool({ DEV_PLATFORM_QUIRKS: "canvas" })));
  afterAll(() => tool?.close());

  it("backs off and retries a 403 Rate Limit Exceeded in place, pausing every call on the token", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor, module: "M1", score: 70, comment: "Throttled twice" });
    // Make the column first, so that only score posts are throttled.
    await testWorker(tool)
      .runOnce()
      .catch(() => undefined);
    tool.devPlatform!.faults.set({ rate: 0.5, kinds: ["throttle"], endpoints: ["scores"], random: firstN(2) });
    const id2 = await markModule(tool, {
      mentor: devUsers.mentor,
      module: "M1",
      score: 72,
      comment: "Throttled twice",
    });
    expect(await testWorker(tool).drain()).toMatchObject({ failed: 0 });
    tool.devPlatform!.faults.clear();

    expect((await deliveryOf(id2)).status).toBe("delivered");
    expect(["delivered", "superseded"]).toContain((await deliveryOf(id)).status);
    const [column] = platformLineItem(tool, "module:M1");
    expect(tool.devPlatform!.gradebook.latest(column.id, devUsers.mentor)).toMatchObject({ scoreGiven: 72 });

    // The platform saw two throttled posts, each followed on that token only after a pause.
    const posts = scorePosts(tool);
    const throttled = posts.filter((p) => p.status === 403);
    expect(throttled).toHaveLength(2);
    expect(tool.devPlatform!.rateLimit.throttled()).toBe(2);
    for (const [i, t] of throttled.entries()) {
      const next = posts.find(
        (p) => p.at >= t.at && p !== t && p.token === t.token && posts.indexOf(p) > posts.indexOf(t),
      );
      expect(next, "a retry after the throttle").toBeDefined();
      // The pause doubles: 500 ms, then 1 s (pacer.ts); the next call cannot arrive sooner.
      expect(next!.at - t.at).toBeGreaterThanOrEqual(i === 0 ? 500 : 1000);
    }
  });

  it("hands a throttle that outlasts the pauses to the outbox, which retries it to delivery", async () => {
    tool.devPlatform!.faults.set({ rate: 0.5, kinds: ["throttle"], endpoints: ["scores"], random: firstN(3) });
    const id = await markModule(tool, {
      mentor: devUsers.mentor2,
      module: "M1",
      score: 64,
      comment: "Throttled thrice",
    });
    expect(await testWorker(tool).drain()).toMatchObject({ retry: 1, failed: 0, delivered: 0 });
    const waiting = await deliveryOf(id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastStatus: 403 });
    expect(waiting.lastError).toMatch(/Rate Limit Exceeded.*limiting how fast/);
    // Not a failure waiting for a person: the outbox tries again once the backoff has passed.
    const later = Date.now() + 10 * 60_000;
    expect(await testWorker(tool, { now: () => later }).drain()).toMatchObject({ delivered: 1, failed: 0 });
    tool.devPlatform!.faults.clear();
    expect((await deliveryOf(id)).status).toBe("delivered");
  });

  it("spaces calls on a token out once Canvas says its budget is running low", async () => {
    // A small bucket that does not refill: X-Rate-Limit-Remaining stays below the pacer's threshold.
    tool.devPlatform!.rateLimit.set({ capacity: 120, costPerRequest: 1, refillPerSecond: 0 });
    const throttledBefore = tool.devPlatform!.rateLimit.throttled();
    await markModule(tool, { mentor: devUsers.mentor, module: "M2", score: 50 });
    await testWorker(tool).drain();
    const before = scorePosts(tool).length;
    for (const module of ["M3", "M4", "M5", "M6"])
      await markModule(tool, { mentor: devUsers.mentor, module, score: 60 });
    // The columns are made first, so that the four scores go out together.
    await testWorker(tool).drain();
    const posts = scorePosts(tool).slice(before);
    expect(posts.filter((p) => p.status === 204)).toHaveLength(4);
    // Four lanes would send them at once; paced, they start a quarter of a second apart.
    expect(posts[posts.length - 1].at - posts[0].at).toBeGreaterThanOrEqual(500);
    // Spaced out, they never ran the bucket dry.
    expect(tool.devPlatform!.rateLimit.throttled()).toBe(throttledBefore);
    tool.devPlatform!.rateLimit.set({ capacity: 700, costPerRequest: 1, refillPerSecond: 10 });
  });
});

describe.each([
  ["moodle", /Incorrect score received/],
  ["d2l", /role that can be graded in Grades/],
] as const)("%s refusing a grade for someone it does not grade", (quirks, lmsWords) => {
  let tool: RunningTool;
  let tutor: string;
  beforeAll(async () => ({ tool, tutor } = await startDrivenTool({ DEV_PLATFORM_QUIRKS: quirks })));
  afterAll(() => tool?.close());

  it("fails the delivery with words a tutor can act on, keeping the LMS's own", async () => {
    // The tutor is enrolled in the course, but as staff: not someone the LMS grades.
    const id = await markModule(tool, { mentor: devUsers.tutor, module: "M1", score: 40 });
    const ok = await markModule(tool, { mentor: devUsers.mentor, module: "M1", score: 40 });
    expect(await testWorker(tool).drain()).toMatchObject({ failed: 1, delivered: 1 });
    expect((await deliveryOf(ok)).status).toBe("delivered");

    const list = await request(tool.url)
      .get("/api/gradebook/deliveries")
      .query({ status: "failed" })
      .set(bearer(tutor));
    const failed = list.body.deliveries.find((d: { id: string }) => d.id === id);
    expect(failed.lastError).toMatch(
      /^The VLE will not take a grade for this mentor: it does not count them as a student it grades in this course/,
    );
    expect(failed.lastError).toMatch(/Check their enrolment and role in the VLE/);
    expect(failed.lastError).toMatch(/VLE answered 400/);
    expect(failed.lastError).toMatch(lmsWords);
  });
});
