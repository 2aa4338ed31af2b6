import mongoose from "mongoose";
import { signSessionToken } from "../server/src/lti/sessionToken";
import { benchActor, benchTenantId, HOURS_ENTRY, seedCountedCourse } from "./lib/benchCourse";
import { waitForIdle } from "./lib/children";
import { loadRun, mixedLoadRun, readEachOnce, type LoadRun, type PlannedRequest } from "./lib/load";
import type { SeededCourse } from "./lib/seed";
import type { BenchStack } from "./lib/stack";
import { median, range } from "./lib/stats";
import { ms, type Figure } from "./lib/table";

const CONNECTIONS = 32;
// In the first-reads load, every WRITE_EVERY-th request of each client is a write (10%).
const WRITE_EVERY = 10;
const MENTOR_PAGES = [
  { name: "mentor home GET /api/modules", path: "/api/modules" },
  { name: "portfolio GET /api/portfolios", path: "/api/portfolios" },
  { name: "evidence GET /api/evidence", path: "/api/evidence" },
];

/**
 * A mentor's three pages on their own (issue #12 item 8), without the lead's growth tiers: one
 * course of 10,000 mentors (1,000 when quick) with 20 evidence items each, seeded through the
 * models; rereads (500 mentors who have read once, at 32 clients) beside first reads (every read a
 * distinct mentor's first, 10% writes). Alone (`--only=reads`) it takes about five minutes.
 */
export async function benchMentorReads(
  stack: BenchStack,
  opts: { isQuick: boolean; runs: number; log: (m: string) => void },
): Promise<Figure[]> {
  await mongoose.connect(stack.tool.databaseUri);
  try {
    const tenantId = await benchTenantId(stack);
    const mentors = opts.isQuick ? 1_000 : 10_000;
    const course = await seedCountedCourse({
      tenantId,
      contextId: `reads-${mentors}`,
      mentors,
      evidencePerMentor: 20,
      log: opts.log,
    });
    const tokenFor = (i: number) =>
      signSessionToken(benchActor(stack, tenantId, course, course.mentorUserId(i), "mentor"), stack.tool.ltiKey);
    // 500 rereaders (100 when quick), so most of the course is left for first reads.
    const rereadIndexes = new Set(Array.from({ length: Math.min(500, mentors / 10) }, (_, k) => (k * 7919) % mentors));
    const rereaders = await Promise.all([...rereadIndexes].map(tokenFor));
    const settle = () => waitForIdle([stack.tool.pid, ...(stack.engine.pid ? [stack.engine.pid] : [])]);
    const seconds = opts.isQuick ? 2 : 5;
    const figures: Figure[] = [];
    for (const page of MENTOR_PAGES) {
      opts.log(`rereads: ${page.name}`);
      await settle();
      // Each rereader reads once (the first read is the other figure), then the load rereads.
      await readEachOnce({ url: stack.tool.url, path: page.path, tokens: rereaders, connections: CONNECTIONS });
      const runs: LoadRun[] = [];
      for (let r = 0; r < opts.runs; r++) {
        await settle();
        runs.push(
          await loadRun({ url: stack.tool.url, path: page.path, tokens: rereaders, connections: CONNECTIONS, seconds }),
        );
      }
      const value = median(runs.map((r) => r.p95));
      figures.push({
        section: "2 rereads",
        name: `${page.name}, rereads p95 @${CONNECTIONS}`,
        value: ms(value),
        target: "≤ 50 ms",
        isMet: value <= 50 && runs.every((r) => r.failures === 0),
        note:
          `p50 ${ms(median(runs.map((r) => r.p50)))}, ${median(runs.map((r) => r.perSecond)).toFixed(0)} req/s, p95 ${range(runs.map((r) => r.p95))}` +
          (runs.some((r) => r.failures > 0) ? `, FAILURES ${runs.map((r) => r.failures).join("/")}` : ""),
      });
    }
    figures.push(...(await benchFirstReads(stack, { ...opts, course, rereadIndexes, tokenFor, settle })));
    return figures;
  } finally {
    await mongoose.disconnect();
  }
}

/**
 * Figure 2, honestly: every read is the FIRST read of a distinct mentor (none of the reread load's
 * mentors, no mentor twice), so nothing is remembered for it, and every tenth request of each
 * client is a write (a mentor logging training hours: it adjusts the dashboard's counters and
 * marks the mentor changed), at 32 clients on the main course.
 */
export async function benchFirstReads(
  stack: BenchStack,
  opts: {
    runs: number;
    log: (m: string) => void;
    course: SeededCourse;
    rereadIndexes: Set<number>;
    tokenFor: (i: number) => Promise<string>;
    settle: () => Promise<unknown>;
  },
): Promise<Figure[]> {
  const paths = MENTOR_PAGES;
  // Mentors never read before, spread over the course, a disjoint share per endpoint.
  const fresh = Array.from({ length: opts.course.mentors }, (_, i) => (i * 7907 + 3) % opts.course.mentors).filter(
    (i) => !opts.rereadIndexes.has(i),
  );
  const perEndpoint = Math.floor(fresh.length / paths.length);
  // Each client also plans one request it never sends (the one after the run's last answer).
  // At least one request per client: a course too small for that reuses readers, and says so.
  const amount = Math.max(
    CONNECTIONS,
    Math.min(1_000, Math.floor((perEndpoint / opts.runs - CONNECTIONS) / (1 - 1 / WRITE_EVERY))),
  );
  const writers = [...opts.rereadIndexes];
  let written = 0;
  const figures: Figure[] = [];
  for (const [k, e] of paths.entries()) {
    const readers = fresh.slice(k * perEndpoint, (k + 1) * perEndpoint);
    // Tokens are signed ahead so the load measures the tool, not the bench's signing.
    const readTokens = await Promise.all(readers.map((i) => opts.tokenFor(i)));
    const writeTokens = await Promise.all(writers.map((i) => opts.tokenFor(i)));
    let read = 0;
    const plan = {
      read: (): PlannedRequest => ({ method: "GET", path: e.path, token: readTokens[read++ % readTokens.length] }),
      write: (): PlannedRequest => ({
        method: "POST",
        path: "/api/hours",
        token: writeTokens[written++ % writeTokens.length],
        body: HOURS_ENTRY,
      }),
    };
    opts.log(`first reads: ${e.name}, ${opts.runs} × ${amount} requests (10% writes) at ${CONNECTIONS} clients`);
    const runs: Array<{ reads: LoadRun; writes: LoadRun }> = [];
    for (let r = 0; r < opts.runs; r++) {
      await opts.settle();
      runs.push(
        await mixedLoadRun({ url: stack.tool.url, connections: CONNECTIONS, amount, writeEvery: WRITE_EVERY, plan }),
      );
    }
    const reads = runs.map((r) => r.reads);
    const writes = runs.map((r) => r.writes);
    const value = median(reads.map((r) => r.p95));
    const failures = runs.map((r) => r.reads.failures);
    figures.push({
      section: "2 first reads",
      name: `${e.name}, every read a mentor's first, 10% writes, p95 @${CONNECTIONS}`,
      value: ms(value),
      target: "≤ 50 ms",
      isMet: value <= 50 && failures.every((f) => f === 0) && read <= readTokens.length,
      note:
        `reads p50 ${ms(median(reads.map((r) => r.p50)))}, ${median(reads.map((r) => r.perSecond)).toFixed(0)} reads/s, p95 ${range(reads.map((r) => r.p95))}; ` +
        `writes (POST /api/hours) p50 ${ms(median(writes.map((r) => r.p50)))}, p95 ${ms(median(writes.map((r) => r.p95)))}; ${read} distinct mentors` +
        (read > readTokens.length ? ", SOME READERS REUSED" : "") +
        (failures.some((f) => f > 0) ? `, FAILURES ${failures.join("/")}` : ""),
    });
  }
  return figures;
}
