import { spawn } from "node:child_process";
import readline from "node:readline";
import { repoRoot } from "./lib/children";
import type { Figure } from "./lib/table";

const TARGET_PER_SECOND = 200;
// bench/passback.ts queues 600 scores per concurrency level; fewer delivered means its own
// deadline cut the level short, and the rate is not a throughput figure.
const MIN_DELIVERED = 500;
const DEADLINE_MS = 10 * 60_000;

/**
 * Figure 4: runs the gradebook's own benchmark (bench/passback.ts: reliability under faults and
 * a crash, then throughput at several worker concurrencies) as a child process with its own
 * engine and platform, and folds the lines it prints into the table.
 */
export async function benchPassback(opts: { log: (m: string) => void; isVerbose?: boolean }): Promise<Figure[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/passback.ts"], {
    cwd: repoRoot,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    if (opts.isVerbose || /^\[\d/.test(line)) opts.log(`passback: ${line.trim()}`);
  });
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const timer = setTimeout(() => child.kill("SIGTERM"), DEADLINE_MS);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);

  const figures: Figure[] = [];
  const parsed = lines
    .map((l) =>
      /concurrency\s+(\d+):\s+(\d+) scores in ([\d.]+) s = (\d+) scores\/s(?: \(median of (\d+) runs: ([\d, ]+)\))?/.exec(
        l,
      ),
    )
    .filter((m) => m !== null);
  for (const m of parsed) {
    const isComplete = Number(m[2]) >= MIN_DELIVERED;
    figures.push({
      section: "4 passback",
      name: `scores/s, no faults, ${m[1]} worker(s)`,
      value: isComplete ? m[4] : "n/a",
      note: `${m[2]} scores in ${m[3]} s (${m[5] ? `median of ${m[5]} runs: ${m[6]} scores/s` : "one run"}, bench/passback.ts)${isComplete ? "" : ": cut short by its own deadline"}`,
    });
  }
  const levels = parsed.filter((m) => Number(m[2]) >= MIN_DELIVERED);
  const best = Math.max(...levels.map((m) => Number(m[4])));
  figures.push({
    section: "4 passback",
    name: "scores/s, no faults, best concurrency",
    value: levels.length ? String(best) : "n/a",
    target: `≥ ${TARGET_PER_SECOND}`,
    isMet: levels.length > 0 && best >= TARGET_PER_SECOND,
    note: levels.length
      ? ""
      : `no complete level; bench/passback.ts exited ${code}: ${[...lines, ...stderr].slice(-2).join(" / ").slice(0, 160)}`,
  });
  const holds = lines.find((l) => l.includes("LMS holds the newest mark"));
  if (holds) {
    const wrong = Number(/wrong: (\d+)/.exec(holds)?.[1] ?? NaN);
    const missing = Number(/missing: (\d+)/.exec(holds)?.[1] ?? NaN);
    const outOfOrder = Number(/out of order: (\d+)/.exec(holds)?.[1] ?? NaN);
    figures.push({
      section: "4 passback",
      name: "30% faults + SIGKILL: newest mark in LMS",
      value: /newest mark: (\d+)/.exec(holds)?.[1] ?? "?",
      target: "0 wrong/missing/out of order",
      isMet: wrong + missing + outOfOrder === 0,
      note:
        holds.replace(/^\s*LMS holds the newest mark: \d+;\s*/, "") +
        (missing > 0
          ? " (bench/passback.ts stops waiting for the queue to drain after 240 s; missing marks may still have been pending)"
          : ""),
    });
  }
  return figures;
}
