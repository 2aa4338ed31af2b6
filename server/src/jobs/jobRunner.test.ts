import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../boot";
import { Job, type JobDoc } from "../models/job";
import { startTestTool } from "../../../test/support/server";
import type { JobDefinition } from "./jobDefinition";
import { JobRunner, runSoon, type JobRunOutcome } from "./jobRunner";

// The runners here share the test tool's database (and its connection) with the tool's own
// runner, as several processes share one MongoDB; each test names its own job.
let tool: RunningTool;
const runners: JobRunner[] = [];
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await tool?.close();
});

const uniqueName = (what: string) => `test-${what}-${crypto.randomBytes(4).toString("hex")}`;
const runner = (definitions: JobDefinition[], options: ConstructorParameters<typeof JobRunner>[1] = {}) => {
  const r = new JobRunner(definitions, options);
  runners.push(r);
  return r;
};
const jobDoc = async (name: string) => (await Job.findById(name).lean<JobDoc>())!;

/** A promise with its resolve function, for handlers the test holds and lets go. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Fails instead of hanging if `promise` never settles (a lost wake-up would otherwise hang the test). */
function orFail<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen`)), ms)),
  );
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

describe("the job runner", () => {
  it("lets one of many runners take a job's lease at once; the others are told it is busy", async () => {
    const name = uniqueName("lease");
    let active = 0;
    let mostAtOnce = 0;
    let entered = 0;
    const held = gate();
    const definition: JobDefinition = {
      name,
      title: "Lease test",
      intervalMs: 60_000,
      leaseMs: 60_000,
      async run() {
        entered++;
        active++;
        mostAtOnce = Math.max(mostAtOnce, active);
        await held.promise;
        active--;
      },
    };
    // Eight processes' runners, each trying to run the job now, all at once.
    const many = Array.from({ length: 8 }, (_, i) => runner([definition], { owner: `process-${i}` }));
    const attempts = many.map((r) => r.runNow(name));
    const settled: JobRunOutcome[] = [];
    attempts.forEach((a) => void a.then((o) => settled.push(o)));
    // Every loser answers while the winner still holds the lease.
    await orFail(
      (async () => {
        while (settled.length < 7) await new Promise((r) => setImmediate(r));
      })(),
      "seven busy answers",
    );
    expect(settled).toEqual(Array(7).fill("busy"));
    expect(entered).toBe(1);
    const holder = await jobDoc(name);
    expect(holder.leaseOwner).toMatch(/^process-\d$/);
    expect(holder.leaseUntil.getTime()).toBeGreaterThan(Date.now());

    held.open();
    expect((await Promise.all(attempts)).sort()).toEqual([...Array(7).fill("busy"), "succeeded"]);
    expect(mostAtOnce).toBe(1);
    const done = await jobDoc(name);
    expect(done).toMatchObject({ leaseOwner: null, leaseToken: null, lastResult: "succeeded", runs: 1, failures: 0 });
    expect(done.leaseUntil.getTime()).toBe(0);
    // The lease is free again: the next attempt runs.
    expect(await many[3].runNow(name)).toBe("succeeded");
  });

  it("never runs a job twice at once when two started runners keep finding it due", async () => {
    const name = uniqueName("loop");
    let active = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const enough = gate();
    const byOwner = new Map<string, number>();
    const definition: JobDefinition = {
      name,
      title: "Always due",
      intervalMs: 0,
      leaseMs: 60_000,
      async run({ owner }) {
        active++;
        mostAtOnce = Math.max(mostAtOnce, active);
        // Real database work, so the other runner has time to try while this one runs.
        await Job.findById(name).lean();
        await Job.findById(name).lean();
        active--;
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
        if (++runs === 30) enough.open();
      },
    };
    const a = runner([definition], { owner: "a", pollMs: 5 });
    const b = runner([definition], { owner: "b", pollMs: 5 });
    await Promise.all([a.start(), b.start()]);
    await orFail(enough.promise, "thirty runs");
    await Promise.all([a.stop(), b.stop()]);
    expect(mostAtOnce).toBe(1);
    const doc = await jobDoc(name);
    // Every run recorded, by whichever runner held the lease.
    expect(doc.runs).toBe(runs);
    expect([...byOwner.values()].reduce((x, y) => x + y, 0)).toBe(runs);
    expect(doc.leaseToken).toBeNull();
  });

  it("records a failure and retries at the next run, after a backoff that doubles", async () => {
    const name = uniqueName("flaky");
    let calls = 0;
    const definition: JobDefinition = {
      name,
      title: "Fails twice, then works",
      intervalMs: 60_000,
      leaseMs: 60_000,
      async run() {
        calls++;
        if (calls <= 2) throw new Error(`The VLE said no (${calls})`);
      },
    };
    const backoff = runner([definition], { retryBaseMs: 1_000 });
    expect(await backoff.runNow(name)).toBe("failed");
    let doc = await jobDoc(name);
    expect(doc).toMatchObject({
      lastResult: "failed",
      lastError: "The VLE said no (1)",
      failures: 1,
      consecutiveFailures: 1,
      runs: 1,
    });
    expect(doc.nextRunAt.getTime() - doc.lastFinishedAt!.getTime()).toBe(1_000);
    expect(await backoff.runNow(name)).toBe("failed");
    doc = await jobDoc(name);
    expect(doc).toMatchObject({ lastError: "The VLE said no (2)", failures: 2, consecutiveFailures: 2 });
    expect(doc.nextRunAt.getTime() - doc.lastFinishedAt!.getTime()).toBe(2_000);

    // A runner that retries at once: the failed job is due again and its next scheduled run works.
    const retrying = runner([definition], { retryBaseMs: 0 });
    calls = 1;
    await Job.updateOne({ _id: name }, { $set: { nextRunAt: new Date(Date.now() + 60_000) } });
    await runSoon(name);
    await retrying.runDue();
    doc = await jobDoc(name);
    expect(doc).toMatchObject({
      lastResult: "failed",
      lastError: "The VLE said no (2)",
      failures: 3,
      consecutiveFailures: 3,
    });
    expect(doc.nextRunAt.getTime()).toBe(doc.lastFinishedAt!.getTime());
    await retrying.runDue();
    doc = await jobDoc(name);
    expect(calls).toBe(3);
    expect(doc).toMatchObject({
      lastResult: "succeeded",
      lastError: null,
      failures: 3,
      consecutiveFailures: 0,
      runs: 4,
    });
    expect(doc.nextRunAt.getTime() - doc.lastFinishedAt!.getTime()).toBe(60_000);
    // Succeeded: not due again for an interval.
    await retrying.runDue();
    expect(calls).toBe(3);
  });

  it("runs a job asked for with runSoon() at once, long before its interval", async () => {
    const name = uniqueName("soon");
    const ran = gate<string>();
    const definition: JobDefinition = {
      name,
      title: "Hourly",
      intervalMs: 60 * 60_000,
      leaseMs: 60_000,
      run: async ({ owner }) => ran.open(owner),
    };
    const r = runner([definition], { owner: "sleeper", pollMs: 60 * 60_000 });
    await r.start();
    expect((await jobDoc(name)).nextRunAt.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    await runSoon(name);
    expect(await orFail(ran.promise, "the run asked for")).toBe("sleeper");
    await r.stop();
    const doc = await jobDoc(name);
    expect(doc).toMatchObject({ soonRequested: false, lastResult: "succeeded", runs: 1 });
  });

  it("leaves a lease that a stopped process still holds until it ends, then runs", async () => {
    const name = uniqueName("crashed");
    let calls = 0;
    const r = runner([
      { name, title: "Crash test", intervalMs: 60_000, leaseMs: 60_000, run: async () => void calls++ },
    ]);
    expect(await r.runNow(name)).toBe("succeeded");
    // As a process that took the lease and was killed leaves it.
    await Job.updateOne(
      { _id: name },
      { $set: { leaseOwner: "killed", leaseToken: "gone", leaseUntil: new Date(Date.now() + 60_000) } },
    );
    expect(await r.runNow(name)).toBe("busy");
    expect(calls).toBe(1);
    await Job.updateOne({ _id: name }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await r.runNow(name)).toBe("succeeded");
    expect(calls).toBe(2);
  });

  it("stop() waits for the run in progress, which records its result", async () => {
    const name = uniqueName("stop");
    const started = gate();
    const held = gate();
    const r = runner(
      [
        {
          name,
          title: "Slow",
          intervalMs: 60 * 60_000,
          leaseMs: 60_000,
          run: async () => (started.open(), held.promise),
        },
      ],
      { pollMs: 60 * 60_000 },
    );
    await r.start();
    await runSoon(name);
    await orFail(started.promise, "the run");
    let isStopped = false;
    const stopping = r.stop().then(() => (isStopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(isStopped).toBe(false);
    held.open();
    await stopping;
    expect(await jobDoc(name)).toMatchObject({ lastResult: "succeeded", runs: 1, leaseToken: null });
  });
});
