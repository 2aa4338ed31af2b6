/**
 * Grade passback benchmark: reliability under faults and a crash, then throughput.
 *
 *   npx tsx bench/passback.ts            (about two minutes; loopback only)
 *
 * 1. Reliability: 1,000 marks across 200 mentors and 6 line items; the LMS (development
 *    platform) fails 30% of AGS and token calls (500, 429, timeouts); the tool process is
 *    SIGKILLed mid-run and restarted. Then the LMS must hold exactly the newest mark for every
 *    (mentor, line item), none missing, with timestamps strictly increasing per cell.
 * 2. Throughput: scores delivered per second with no faults, at several worker concurrencies
 *    (BENCH_PASSBACK_CONCURRENCY=1,4,16 by default): the marks are queued with no worker
 *    running, then the clock runs from the worker's start until the LMS holds every score.
 *
 * Flags: --reliability-only, --throughput-only. BENCH_PASSBACK_PHASE_S bounds each phase;
 * BENCH_PASSBACK_RUNS (default 3) is how many throughput runs per level the median is taken over.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { startEmbeddedEngine } from "../server/src/db/embeddedEngine";
import { DEMO_COURSE_ID } from "@mentor-pathways/dev-platform";
import { queueGrade } from "../server/src/commands/queueGrade";
import { Course } from "../server/src/models/course";
import { GradeRecord } from "../server/src/models/gradeRecord";
import { Registration } from "../server/src/models/registration";
import { freePort, startBenchPlatform } from "./lib/benchPlatform";

const MENTORS = 200;
const MODULES = ["M1", "M2", "M3", "M4", "M5", "M6"];
const MARKS = 1_000;
// Each phase stops by itself after this long (BENCH_PASSBACK_PHASE_S overrides): the embedded
// engine scans whole collections, so draining 1,000 marks under faults takes minutes there.
const PHASE_MS = Number(process.env.BENCH_PASSBACK_PHASE_S ?? 600) * 1000;
const reliabilityOnly = process.argv.includes("--reliability-only");
const throughputOnly = process.argv.includes("--throughput-only");
// Each concurrency level is measured this many times and the median run reported (BENCH_PASSBACK_RUNS overrides).
const THROUGHPUT_RUNS = Math.max(1, Number(process.env.BENCH_PASSBACK_RUNS ?? 3));

const mentors = Array.from({ length: MENTORS }, (_, i) => `bench-mentor-${i + 1}`);
const started = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "mp-bench-"));
const engine = process.env.MONGODB_URI ? null : await startEmbeddedEngine(path.join(work, "db"));
const baseUri = process.env.MONGODB_URI ?? engine!.uri;
const toolPort = await freePort();
const toolUrl = `http://127.0.0.1:${toolPort}`;
const { platform, close: closePlatform } = await startBenchPlatform(toolUrl, mentors);
const configDir = path.join(work, "platforms");
fs.mkdirSync(configDir);
fs.writeFileSync(
  path.join(configDir, "bench.json"),
  JSON.stringify({
    name: "Bench platform",
    lms: "other",
    issuer: platform.issuer,
    clientId: platform.clientId,
    authLoginUrl: platform.authEndpoint,
    accessTokenUrl: platform.tokenEndpoint,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [platform.deploymentId],
  }),
);

function startToolProcess(dbName: string, concurrency: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "lib", "toolProcess.ts")], {
    env: {
      ...process.env,
      BENCH_TOOL_PORT: String(toolPort),
      BENCH_DATA_DIR: path.join(work, "data"),
      BENCH_MONGODB_URI: baseUri,
      BENCH_DB_NAME: dbName,
      BENCH_LTI_CONFIG_DIR: configDir,
      BENCH_CONCURRENCY: String(concurrency),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`tool process exited (${code}) before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (process.env.BENCH_VERBOSE) process.stdout.write(chunk);
      if (chunk.toString().includes("tool ready")) resolve(child);
    });
  });
}

async function stopTool(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

/** Connects this process to the run's database and gives the course its AGS endpoint, as a tutor launch would. */
async function prepareDatabase(dbName: string): Promise<string> {
  await mongoose.disconnect();
  if (process.env.BENCH_VERBOSE) log(`connecting to ${baseUri} ${dbName}`);
  await mongoose.connect(`${baseUri.replace(/\/?$/, "/")}${dbName}`);
  let reg = null;
  while (!reg) {
    reg = await Registration.findOne({ issuer: platform.issuer }).lean();
    if (!reg) await sleep(100);
  }
  const tenantId = reg._id.toString();
  await Course.updateOne(
    { tenantId, contextId: DEMO_COURSE_ID },
    {
      $set: {
        title: "Bench",
        deploymentId: platform.deploymentId,
        agsLineItemsUrl: `${platform.issuer}/api/courses/${DEMO_COURSE_ID}/lineitems`,
      },
    },
    { upsert: true },
  );
  if (process.env.BENCH_VERBOSE) log(`course ready for tenant ${tenantId}`);
  return tenantId;
}

async function queueMarks(tenantId: string, marks: Array<{ mentor: string; module: string; score: number; at: Date }>) {
  for (const m of marks) {
    await queueGrade({
      tenantId,
      contextId: DEMO_COURSE_ID,
      mentorUserId: m.mentor,
      source: { kind: "module", id: `bench-${m.mentor}-${m.module}` },
      lineItem: { resourceId: `module:${m.module}`, label: `Module ${m.module}`, scoreMaximum: 100 },
      scoreGiven: m.score,
      comment: `Mark ${m.score}`,
      gradedBy: "bench",
      gradedAt: m.at,
    });
  }
}

const pendingCount = () => GradeRecord.countDocuments({ "delivery.status": "pending" });

async function reliability() {
  log("reliability: 1,000 marks, 30% faults, a SIGKILL mid-run");
  const db = `bench_rel_${Date.now()}`;
  let child = await startToolProcess(db, 8);
  const tenantId = await prepareDatabase(db);
  platform.faults.set({
    rate: 0.3,
    kinds: [500, 429, "timeout"],
    endpoints: ["scores", "lineitems", "token"],
    timeoutMs: 1_500,
  });

  // Several marks per cell, graded in time order, some in the same second, queued while the worker runs.
  const base = Date.now() - MARKS * 50;
  const marks = Array.from({ length: MARKS }, (_, i) => ({
    mentor: mentors[(i * 7) % MENTORS],
    module: MODULES[(i * 13) % MODULES.length],
    score: i % 101,
    at: new Date(base + i * 50),
  }));
  const half = Math.floor(MARKS / 2);
  await queueMarks(tenantId, marks.slice(0, half));
  while ((await GradeRecord.countDocuments({ "delivery.status": "delivered" })) < 150) await sleep(100);
  log("killing the tool process (SIGKILL)");
  await stopTool(child, "SIGKILL");
  await queueMarks(tenantId, marks.slice(half));
  child = await startToolProcess(db, 8);
  log("tool restarted");
  const drainStarted = Date.now();
  while ((await pendingCount()) > 0 && Date.now() - drainStarted < PHASE_MS) await sleep(1000);
  const drained = (await pendingCount()) === 0;
  log(
    drained
      ? `queue drained in ${((Date.now() - drainStarted) / 1000).toFixed(0)} s after the restart`
      : "phase deadline reached before the queue drained",
  );
  await stopTool(child, "SIGTERM");
  const faults = platform.faults.stats();
  platform.faults.clear();

  const newest = new Map<string, { score: number }>();
  for (const m of marks) newest.set(`${m.mentor}|${m.module}`, { score: m.score });
  const columns = new Map(platform.gradebook.lineItems(DEMO_COURSE_ID).map((li) => [li.resourceId!, li.id]));
  let exact = 0;
  let wrong = 0;
  let missing = 0;
  let outOfOrder = 0;
  let sends = 0;
  for (const [cell, want] of newest) {
    const [mentor, module] = cell.split("|");
    const column = columns.get(`module:${module}`);
    const got = column ? platform.gradebook.latest(column, mentor) : undefined;
    if (!got) missing++;
    else if (got.scoreGiven === want.score) exact++;
    else wrong++;
    const posted = column ? platform.gradebook.scores(column).filter((s) => s.userId === mentor) : [];
    sends += posted.length;
    for (let i = 1; i < posted.length; i++)
      if (Date.parse(posted[i].timestamp) <= Date.parse(posted[i - 1].timestamp)) outOfOrder++;
  }
  const failed = await GradeRecord.countDocuments({ "delivery.status": "failed" });
  return {
    cells: newest.size,
    exact,
    wrong,
    missing,
    outOfOrder,
    failed,
    sends,
    columns: columns.size,
    faults,
    drained,
  };
}

let throughputRuns = 0;
async function throughput(concurrency: number, count: number) {
  const db = `bench_tp_${concurrency}_${Date.now()}`;
  let child = await startToolProcess(db, concurrency);
  const tenantId = await prepareDatabase(db);
  // Make the columns first, so the figure is about scores, not one-off column creation.
  await queueMarks(
    tenantId,
    MODULES.map((module) => ({ mentor: mentors[0], module, score: 1, at: new Date() })),
  );
  while ((await pendingCount()) > 0) await sleep(50);
  // The marks are queued while no worker runs, so the clock covers delivering all of them (a
  // worker delivering during the queueing would leave only a tail to time).
  await stopTool(child, "SIGTERM");
  const at = new Date(Date.now() + 60_000);
  // A score of this run's own, so the scores of earlier runs in the LMS are not counted.
  const score = 20 + throughputRuns++;
  const marks = Array.from({ length: count }, (_, i) => ({
    mentor: mentors[i % MENTORS],
    module: MODULES[Math.floor(i / MENTORS) % MODULES.length],
    score,
    at,
  }));
  await queueMarks(tenantId, marks);
  child = await startToolProcess(db, concurrency);
  const t0 = Date.now();
  // Watch the LMS (in this process), not the database: counting the outbox every few
  // milliseconds would take engine time from the worker being measured.
  const received = () =>
    platform.gradebook
      .lineItems(DEMO_COURSE_ID)
      .reduce((n, li) => n + platform.gradebook.scores(li.id).filter((sc) => sc.scoreGiven === score).length, 0);
  while (received() < count && Date.now() - t0 < PHASE_MS) await sleep(20);
  const seconds = (Date.now() - t0) / 1000;
  await stopTool(child, "SIGTERM");
  return {
    concurrency,
    delivered: (await GradeRecord.countDocuments({ "delivery.status": "delivered" })) - MODULES.length,
    seconds,
    perSecond: count / seconds,
  };
}

try {
  if (!throughputOnly) {
    const rel = await reliability();
    console.log("\nReliability (30% of AGS/token calls failing: 500, 429, timeout; tool SIGKILLed and restarted):");
    console.log(`  cells (mentor × line item): ${rel.cells}; columns in LMS: ${rel.columns}`);
    console.log(
      `  LMS holds the newest mark: ${rel.exact}; wrong: ${rel.wrong}; missing: ${rel.missing}; out of order: ${rel.outOfOrder}; failed: ${rel.failed}`,
    );
    console.log(
      `  score POSTs accepted: ${rel.sends} for ${MARKS} marks (coalescing); platform requests ${rel.faults.requests}, faults injected ${rel.faults.injected}`,
    );

    if (!rel.drained) console.log("  (not drained within the phase deadline: the figures above are incomplete)");
    if (rel.wrong + rel.missing + rel.outOfOrder > 0) process.exitCode = 1;
    if (reliabilityOnly) process.exit(process.exitCode ?? 0);
  }
  console.log("\nThroughput with no faults (distinct cells, columns already made):");
  for (const c of (process.env.BENCH_PASSBACK_CONCURRENCY ?? "1,4,16").split(",").map(Number)) {
    const runs = [];
    for (let r = 0; r < THROUGHPUT_RUNS; r++) runs.push(await throughput(c, 600));
    // The median run by rate (an odd count; the lower middle for an even one).
    const byRate = [...runs].sort((a, b) => a.perSecond - b.perSecond);
    const t = byRate[Math.floor((byRate.length - 1) / 2)];
    console.log(
      `  concurrency ${String(c).padStart(2)}: ${t.delivered} scores in ${t.seconds.toFixed(2)} s = ${t.perSecond.toFixed(0)} scores/s ` +
        `(median of ${runs.length} runs: ${runs.map((x) => x.perSecond.toFixed(0)).join(", ")})`,
    );
  }
} finally {
  closePlatform();
  await mongoose.disconnect();
  await engine?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
