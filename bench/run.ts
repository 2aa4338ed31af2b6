/**
 * `npm run bench`: seeds data through the real models, drives the real tool (a child process)
 * over loopback, and prints a table of medians with the machine's core count and the engine.
 *
 *   npm run bench                      every section (under ~8 minutes)
 *   npm run bench -- --quick           a smoke run: data sizes ÷10, fewer launches (~1 minute)
 *   npm run bench -- --only=launch     one section: client | launch | api | reads | growth | passback (comma-separated)
 *   npm run bench -- --only=reads      a mentor's three pages alone at 10,000 mentors: rereads beside
 *                                      first reads with 10% writes (~5 min; never by default, api has them)
 *   npm run bench -- --only=growth     the lead's dashboard right after a write at 1k/10k/50k mentors (~10 min; never by default)
 *   npm run bench -- --runs=5          repetitions per figure (default 3)
 *   npm run bench -- --check           exit 1 if a target is missed
 *   npm run bench -- --verbose         show the child processes' output
 *   npm run bench -- --full-growth     seed and measure the 50,000-mentor course even when the
 *                                      10,000 one is already slow (the embedded engine scans)
 *
 * MONGODB_URI, when set, is used instead of the embedded FerretDB engine (databases
 * mentor-bench and bare-ltijs-bench on it are overwritten).
 */
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { benchClientSize } from "./clientSize";
import { benchLaunch } from "./launch";
import { benchApi } from "./api";
import { benchGrowth } from "./growth";
import { benchMentorReads } from "./reads";
import { benchPassback } from "./passbackSection";
import { repoRoot } from "./lib/children";
import { startStack, type BenchStack } from "./lib/stack";
import { formatTable, type Figure } from "./lib/table";

const SECTIONS = ["client", "launch", "api", "reads", "growth", "passback"] as const;
type Section = (typeof SECTIONS)[number];

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      runs: { type: "string" },
      check: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      "full-growth": { type: "boolean", default: false },
    },
  });
  const isQuick = values.quick!;
  const runs = Math.max(3, Number(values.runs ?? 3));
  // growth seeds 60,000 mentors (about ten minutes) and reads repeats part of api: run when named.
  const only = values.only
    ? (values.only.split(",") as Section[])
    : SECTIONS.filter((s) => s !== "growth" && s !== "reads");
  for (const s of only)
    if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}" (one of ${SECTIONS.join(", ")})`);

  const startedAt = Date.now();
  const loadBefore = os.loadavg()[0];
  const figures: Figure[] = [];
  const log = (message: string) =>
    console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}`);

  if (only.includes("client")) {
    log("client: building into a temporary folder and gzipping");
    figures.push(...(await benchClientSize()));
  }

  let stack: BenchStack | undefined;
  let engineLabel = process.env.MONGODB_URI ? "MongoDB (MONGODB_URI)" : "embedded FerretDB (SQLite)";
  const needsStack = only.some((s) => s === "launch" || s === "api" || s === "reads" || s === "growth");
  try {
    if (needsStack) {
      // The launch ends on /app/, so the tool needs a built client (npm start builds it too).
      if (!fs.existsSync(path.join(repoRoot, "client", "dist", "index.html"))) {
        spawnSync(process.execPath, ["scripts/ensure-client.mjs"], { cwd: repoRoot, stdio: "inherit" });
      }
      log("starting the engine, the development platform and the tool");
      stack = await startStack({ isVerbose: values.verbose });
      engineLabel = stack.engine.label;
    }
    if (stack && only.includes("launch")) {
      log("launch: ours vs bare ltijs 5.9.9 at concurrency 1 and 16");
      figures.push(...(await benchLaunch(stack, { isQuick, runs, isVerbose: values.verbose })));
    }
    if (stack && only.includes("api")) {
      log("api: seeding through the models, then autocannon at 32 connections");
      figures.push(...(await benchApi(stack, { isQuick, runs, log, isFullGrowth: values["full-growth"] })));
    }
    if (stack && only.includes("reads")) {
      log("reads: a mentor's home, portfolio and evidence, rereads beside first reads, at 32 connections");
      figures.push(...(await benchMentorReads(stack, { isQuick, runs, log })));
    }
    if (stack && only.includes("growth")) {
      log("growth: the lead's dashboard read right after a write, on courses of 1,000, 10,000 and 50,000 mentors");
      figures.push(...(await benchGrowth(stack, { isQuick, log })));
    }
  } finally {
    await stack?.stop();
  }
  // The gradebook's benchmark starts its own engine and platform: run alone, after the rest.
  // A quick run leaves it out unless asked for (it takes about two minutes by itself).
  if (only.includes("passback") && (!isQuick || values.only)) {
    log("passback: bench/passback.ts (reliability under faults, then throughput per worker concurrency)");
    figures.push(...(await benchPassback({ log, isVerbose: values.verbose })));
  }

  const cpus = os.cpus();
  console.log("");
  console.log(
    `Mentor Pathways benchmark — ${new Date().toISOString()}${isQuick ? " — QUICK (sizes ÷10; not the reported figures)" : ""}`,
  );
  console.log(
    `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; ` +
      `engine: ${engineLabel}; load average ${loadBefore.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}; ` +
      `${runs} runs per figure, medians; took ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
  );
  console.log("");
  console.log(formatTable(figures));
  const missed = figures.filter((f) => f.isMet === false);
  console.log("");
  console.log(
    missed.length === 0
      ? "All targets met."
      : `Targets missed: ${missed.map((f) => `${f.section} ${f.name.trim()}`).join("; ")}`,
  );
  if (values.check && missed.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
