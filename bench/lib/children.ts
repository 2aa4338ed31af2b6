import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { stopChild } from "../../server/src/db/embeddedEngine";

/** The repository root (bench/lib/../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A process the bench started and will stop. */
export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resident set size now, in bytes (Linux /proc; NaN elsewhere). */
  rss(): number;
  /** The last lines it wrote to stderr, for error messages. */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` (through tsx for a .ts script) from the repository root and resolves once a line of its
 * stdout matches `ready`. Fails (and kills it) if it exits or is not ready within `timeoutMs`.
 */
export async function startChild(opts: {
  name: string;
  script: string;
  args?: string[];
  /** Flags for node itself, before the script. */
  nodeArgs?: string[];
  env: Record<string, string | undefined>;
  ready: RegExp;
  timeoutMs?: number;
  /** Print the child's output (for debugging). */
  isVerbose?: boolean;
}): Promise<Child> {
  const loader = opts.script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...loader, opts.script, ...(opts.args ?? [])], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (opts.isVerbose) console.error(`[${opts.name}] ${line}`);
  };
  readline.createInterface({ input: child.stderr! }).on("line", remember);
  const stdout = readline.createInterface({ input: child.stdout! });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`was not ready within ${(opts.timeoutMs ?? 60_000) / 1000} s`),
      opts.timeoutMs ?? 60_000,
    );
    function fail(why: string) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${opts.name} ${why}\n${tail.join("\n")}`));
    }
    stdout.on("line", (line) => {
      remember(line);
      if (opts.ready.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code, signal) => fail(`exited (${code ?? signal}) before it was ready`));
    child.once("error", (err) => fail(err.message));
  });
  child.removeAllListeners("exit");

  return {
    name: opts.name,
    pid: child.pid!,
    process: child,
    rss: () => readRss(child.pid!),
    stderrTail: () => tail.join("\n"),
    stop: () => stopChild(child),
  };
}

/** VmRSS of a process in bytes, from /proc/<pid>/status. */
export function readRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every `everyMs` while `work` runs; returns the work's result and the samples. */
export async function sampleRss<T>(
  pid: number,
  work: () => Promise<T>,
  everyMs = 100,
): Promise<{ result: T; samples: number[] }> {
  const samples: number[] = [readRss(pid)];
  const timer = setInterval(() => samples.push(readRss(pid)), everyMs);
  try {
    const result = await work();
    samples.push(readRss(pid));
    return { result, samples: samples.filter((s) => !Number.isNaN(s)) };
  } finally {
    clearInterval(timer);
  }
}

/** CPU time (user + system) a process has used, in seconds; NaN if it is gone. */
export function readCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Waits until the processes are idle (together under 10% of a core for two 250 ms samples in a
 * row), at most `maxMs`: requests a load run abandoned keep the tool and the engine busy, and the
 * next figure must not be measured behind them. Returns how long it waited.
 */
export async function waitForIdle(pids: number[], maxMs = 60_000): Promise<number> {
  const started = performance.now();
  const total = () =>
    pids
      .map(readCpuSeconds)
      .filter((v) => !Number.isNaN(v))
      .reduce((a, b) => a + b, 0);
  let last = total();
  let quiet = 0;
  while (performance.now() - started < maxMs && quiet < 2) {
    await new Promise((r) => setTimeout(r, 250));
    const now = total();
    quiet = now - last < 0.025 ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - started;
}
