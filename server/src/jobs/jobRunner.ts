import crypto from "node:crypto";
import os from "node:os";
import { Job, type JobDoc } from "../models/job";
import type { JobDefinition, JobResult } from "./jobDefinition";

/** Settings for a runner; the tool uses the defaults, tests shorten them. */
export interface JobRunnerOptions {
  /** Who holds leases, for people reading the `jobs` collection (default host:pid:random). */
  owner?: string;
  /**
   * Longest wait between looks at the `jobs` collection (default 2000 ms): how soon this process
   * notices a job another process asked to run soon, or a lease a crashed process left.
   */
  pollMs?: number;
  /** The wait after a first failure (default 30 s); it doubles with each failure in a row, up to the job's interval. */
  retryBaseMs?: number;
}

/** How an attempt to run a job ended; `busy` when another run (here or elsewhere) holds its lease or it was not due. */
export type JobRunOutcome = "succeeded" | "failed" | "busy";

const NOBODY = new Date(0);
const MAX_ERROR_LENGTH = 1_000;

// Every started runner in this process, so runSoon() after a write can wake them.
const activeRunners = new Set<JobRunner>();

/**
 * Asks for a job to run soon rather than at its next interval, e.g. grade passback after a mark
 * is queued. Recorded on the job, so whichever process runs it next picks it up; this process's
 * runners look at once. Never fails the write that calls it.
 */
export async function runSoon(name: string): Promise<void> {
  try {
    await Job.updateOne({ _id: name }, { $set: { soonRequested: true } });
  } catch (err) {
    console.error(`[jobs] could not ask for ${name} to run soon:`, err);
    return;
  }
  for (const runner of activeRunners) runner.wake();
}

/**
 * Runs background jobs in this process. Each job is one document in `jobs`; a run starts only
 * after one conditional update takes the job's lease (`{_id, leaseUntil <= now, due}`), which
 * MongoDB applies atomically to the one document, so however many processes run a runner, one
 * job never runs twice at once. A run renews its lease while it works and records how it went;
 * a failure is retried after a backoff. One timer per runner: it sleeps until the next job is due
 * (or `pollMs`), and stop() leaves none behind.
 */
export class JobRunner {
  readonly owner: string;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly pollMs: number;
  private readonly retryBaseMs: number;
  private readonly paused = new Set<string>();
  private readonly running = new Map<string, Promise<JobRunOutcome>>();
  private registered: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private ticking: Promise<void> | null = null;
  private wakeAfterTick = false;
  private isStarted = false;
  private isStopped = false;

  constructor(definitions: readonly JobDefinition[], options: JobRunnerOptions = {}) {
    for (const d of definitions) {
      if (this.definitions.has(d.name)) throw new Error(`Two jobs are named ${d.name}.`);
      this.definitions.set(d.name, d);
    }
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
    this.pollMs = options.pollMs ?? 2_000;
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
  }

  /** The names of the jobs this runner knows. */
  get names(): string[] {
    return [...this.definitions.keys()];
  }

  /** Records every job (a new one is first due one interval from now) and starts running them as they fall due. */
  async start(): Promise<void> {
    await this.register();
    if (this.isStopped || this.isStarted) return;
    this.isStarted = true;
    activeRunners.add(this);
    this.wake();
  }

  /** Stops looking for due jobs and waits for the runs in progress to record their results. */
  async stop(): Promise<void> {
    this.isStopped = true;
    activeRunners.delete(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.all(this.running.values());
  }

  /** This runner no longer starts these jobs (other processes still may); waits for their runs in progress here. */
  async pause(names: readonly string[]): Promise<void> {
    for (const name of names) this.paused.add(name);
    await Promise.all(names.map((name) => this.running.get(name)));
  }

  /** Looks for due jobs now rather than at the next planned look. */
  wake(): void {
    this.wakeIn(0);
  }

  /** Runs a job now if no run holds its lease, due or not; for operators and tests. */
  async runNow(name: string): Promise<JobRunOutcome> {
    await this.register();
    if (this.running.has(name)) return "busy";
    return this.launch(this.definition(name), { isForced: true });
  }

  /** One look: starts every due job that is not paused and waits for those runs to finish. */
  async runDue(): Promise<void> {
    await this.register();
    const { runs } = await this.startDueJobs();
    await Promise.all(runs);
  }

  private definition(name: string): JobDefinition {
    const d = this.definitions.get(name);
    if (!d) throw new Error(`No job is named ${name}.`);
    return d;
  }

  private register(): Promise<void> {
    this.registered ??= (async () => {
      const now = Date.now();
      for (const d of this.definitions.values()) {
        await Job.updateOne(
          { _id: d.name },
          {
            $set: { title: d.title, intervalMs: d.intervalMs },
            $setOnInsert: {
              leaseUntil: NOBODY,
              nextRunAt: new Date(now + d.intervalMs),
              soonRequested: false,
              runs: 0,
              failures: 0,
              consecutiveFailures: 0,
            },
          },
          { upsert: true },
        );
      }
    })();
    return this.registered;
  }

  private wakeIn(ms: number): void {
    if (!this.isStarted || this.isStopped) return;
    if (this.ticking) {
      if (ms === 0) this.wakeAfterTick = true;
      return;
    }
    const at = Date.now() + ms;
    if (this.timer) {
      if (this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick();
    }, ms);
    // The HTTP server keeps the process alive, not the job timer.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let waitMs = this.pollMs;
    try {
      waitMs = (await this.startDueJobs()).waitMs;
    } catch (err) {
      console.error("[jobs] could not read the jobs:", err);
    } finally {
      this.ticking = null;
    }
    const isWanted = this.wakeAfterTick;
    this.wakeAfterTick = false;
    this.wakeIn(isWanted ? 0 : waitMs);
  }

  /** Starts the jobs that are due and free; says how long until the next one may be. */
  private async startDueJobs(): Promise<{ runs: Promise<JobRunOutcome>[]; waitMs: number }> {
    const now = Date.now();
    const docs = await Job.find({ _id: { $in: this.names } }, { nextRunAt: 1, leaseUntil: 1, soonRequested: 1 }).lean<
      JobDoc[]
    >();
    const runs: Promise<JobRunOutcome>[] = [];
    let waitMs = this.pollMs;
    for (const doc of docs) {
      const d = this.definitions.get(doc._id);
      if (!d || this.paused.has(d.name) || this.running.has(d.name)) continue;
      const dueAt = Math.max(doc.soonRequested ? 0 : doc.nextRunAt.getTime(), doc.leaseUntil.getTime());
      if (dueAt <= now) runs.push(this.launch(d, { isForced: false }));
      else waitMs = Math.min(waitMs, dueAt - now);
    }
    return { runs, waitMs };
  }

  private launch(d: JobDefinition, how: { isForced: boolean }): Promise<JobRunOutcome> {
    const run = this.runOnce(d, how).then((outcome) => {
      this.running.delete(d.name);
      // A finished run may have made the job due again (work left, or asked for meanwhile).
      this.wakeIn(outcome === "busy" ? this.pollMs : 0);
      return outcome;
    });
    this.running.set(d.name, run);
    return run;
  }

  private async runOnce(d: JobDefinition, how: { isForced: boolean }): Promise<JobRunOutcome> {
    const token = crypto.randomBytes(8).toString("hex");
    const startedAt = new Date();
    const due = how.isForced ? {} : { $or: [{ nextRunAt: { $lte: startedAt } }, { soonRequested: true }] };
    let taken: JobDoc | null;
    try {
      taken = await Job.findOneAndUpdate(
        { _id: d.name, leaseUntil: { $lte: startedAt }, ...due },
        {
          $set: {
            leaseOwner: this.owner,
            leaseToken: token,
            leaseUntil: new Date(startedAt.getTime() + d.leaseMs),
            lastStartedAt: startedAt,
            soonRequested: false,
          },
        },
        { new: true },
      ).lean<JobDoc>();
    } catch (err) {
      console.error(`[jobs] could not take the lease of ${d.name}:`, err);
      return "busy";
    }
    if (!taken) return "busy";

    const renew = setInterval(
      () => {
        Job.updateOne(
          { _id: d.name, leaseToken: token },
          { $set: { leaseUntil: new Date(Date.now() + d.leaseMs) } },
        ).catch((err) => console.error(`[jobs] could not renew the lease of ${d.name}:`, err));
      },
      Math.max(1, Math.floor(d.leaseMs / 3)),
    );
    renew.unref();
    let result: JobResult | void = undefined;
    let failure: unknown = null;
    let hasFailed = false;
    try {
      result = await d.run({ owner: this.owner });
    } catch (err) {
      hasFailed = true;
      failure = err;
    } finally {
      clearInterval(renew);
    }

    const finishedAt = new Date();
    const released = {
      leaseOwner: null,
      leaseToken: null,
      leaseUntil: NOBODY,
      lastFinishedAt: finishedAt,
      lastDurationMs: finishedAt.getTime() - startedAt.getTime(),
    };
    let update: object;
    if (hasFailed) {
      console.error(`[jobs] ${d.name} failed:`, failure);
      const inARow = (taken.consecutiveFailures ?? 0) + 1;
      const retryMs = Math.min(d.intervalMs, this.retryBaseMs * 2 ** (inARow - 1));
      update = {
        $set: {
          ...released,
          lastResult: "failed",
          lastError: describe(failure),
          nextRunAt: new Date(finishedAt.getTime() + retryMs),
        },
        $inc: { runs: 1, failures: 1, consecutiveFailures: 1 },
      };
    } else {
      const nextRunAt = new Date(finishedAt.getTime() + (result?.again ? 0 : d.intervalMs));
      update = {
        $set: { ...released, lastResult: "succeeded", lastError: null, consecutiveFailures: 0, nextRunAt },
        $inc: { runs: 1 },
      };
    }
    // Only the run holding the lease records: one that outlived it (a stalled process) is ignored.
    await Job.updateOne({ _id: d.name, leaseToken: token }, update).catch((err) =>
      console.error(`[jobs] could not record the run of ${d.name}:`, err),
    );
    return hasFailed ? "failed" : "succeeded";
  }
}

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
