import crypto from "node:crypto";
import type { Types } from "mongoose";
import os from "node:os";
import { GradeRecord } from "../models/gradeRecord";
import { DEFAULT_TIMEOUT_MS } from "../lti/platformHttp";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff";
import { claimCellLeases, releaseCellLeases } from "./cellLease";
import {
  loadCells,
  markDelivered,
  planCell,
  recordPlannedTimestamps,
  sendPlanned,
  type CellOutcome,
  type DeliveryContext,
  type PlannedSend,
} from "./deliverCell";
import type { GradebookPorts } from "./platformService";

/** Settings for the grade passback worker; tests and the benchmark tune these. */
export interface GradebookWorkerOptions {
  /** Pause between passes when there was nothing to do (default 2000 ms): the grade-passback job's interval (gradebook/jobs.ts). */
  pollMs?: number;
  /** Cells delivered at once by this process (default 4). */
  concurrency?: number;
  /** Length of a cell lease (default 60 s); a crashed worker's cells are free after at most this. */
  leaseMs?: number;
  /** Per-request timeout towards the LMS (default 10 s). */
  timeoutMs?: number;
  /** Cells looked at per pass (default 200). */
  batchSize?: number;
  backoff?: Partial<BackoffPolicy>;
  /** The clock; tests move it to expire leases and backoffs without waiting. */
  now?: () => number;
  /** Who holds leases, for operators reading records (default host:pid:random). */
  owner?: string;
}

export type RunSummary = Record<CellOutcome | "busy", number>;

const emptySummary = (): RunSummary => ({
  delivered: 0,
  retry: 0,
  failed: 0,
  superseded: 0,
  waiting: 0,
  idle: 0,
  "lease-short": 0,
  busy: 0,
});

/** The outbox worker: finds cells with due marks, leases each, and delivers its newest mark. Run by the grade-passback job. */
export class GradebookWorker {
  private readonly ctx: DeliveryContext;
  private readonly opts: Required<Pick<GradebookWorkerOptions, "concurrency" | "leaseMs" | "batchSize">>;

  constructor(ports: GradebookPorts, options: GradebookWorkerOptions = {}) {
    const timeoutMs = options.timeoutMs ?? ports.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.ctx = {
      ports: { ...ports, timeoutMs },
      owner: options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`,
      now: options.now ?? Date.now,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      timeoutMs,
    };
    this.opts = {
      concurrency: Math.max(1, options.concurrency ?? 4),
      // A lease must fit several requests, or no holder could ever finish one.
      leaseMs: Math.max(options.leaseMs ?? 60_000, timeoutMs * 4),
      batchSize: options.batchSize ?? 200,
    };
  }

  /** The length of this worker's leases, after the floor set by the request timeout. */
  get leaseMs(): number {
    return this.opts.leaseMs;
  }

  /** One pass: every due cell is tried once. Safe to run in many processes at once. */
  async runOnce(): Promise<RunSummary> {
    const summary = emptySummary();
    const due = await GradeRecord.find(
      { "delivery.status": "pending", "delivery.nextAttemptAt": { $lte: new Date(this.ctx.now()) } },
      { cellKey: 1 },
    )
      .sort({ "delivery.nextAttemptAt": 1 })
      .limit(this.opts.batchSize * 4)
      .lean();
    const cells = [...new Set(due.map((r) => r.cellKey).filter((k): k is string => !!k))].slice(0, this.opts.batchSize);
    const ctx: DeliveryContext = { ...this.ctx, memo: new Map() };
    // Cells go in groups: a group's leases are claimed together, its records read in one
    // query, the timestamps of its sends recorded in one write per distinct timestamp before any
    // is sent, its deliveries recorded in one write and its leases released in one write — a few
    // writes per group rather than several per score. Groups are small, so a lease is not held
    // long after its cell is done.
    const groupSize = this.opts.concurrency * 4;
    for (let start = 0; start < cells.length; start += groupSize) {
      const group = cells.slice(start, start + groupSize);
      const leases = await claimCellLeases(group, this.ctx.now(), this.opts.leaseMs);
      summary.busy += group.length - leases.size;
      try {
        const records = await loadCells([...leases.keys()]);
        const plans: PlannedSend[] = [];
        await this.inLanes([...leases], async ([cell, lease]) => {
          const planned = await planCell(ctx, cell, lease, records.get(cell));
          if ("plan" in planned) plans.push(planned.plan);
          else summary[planned.outcome]++;
        });
        await recordPlannedTimestamps(ctx, plans);
        const sent: Types.ObjectId[] = [];
        try {
          await this.inLanes(plans, async (plan) => {
            const { outcome, sentId } = await sendPlanned(ctx, plan);
            summary[outcome]++;
            if (sentId) sent.push(sentId);
          });
        } finally {
          // Even if a lane failed, the scores the LMS accepted are recorded.
          await markDelivered(sent, new Date(this.ctx.now()));
        }
      } finally {
        await releaseCellLeases([...leases.values()]).catch(() => undefined);
      }
    }
    return summary;
  }

  /** Runs `work` on every item, `concurrency` at a time; rejects with the first failure once all have settled. */
  private async inLanes<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < items.length) await work(items[next++]);
    };
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(this.opts.concurrency, items.length) }, lane));
    const failed = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected");
    if (failed) throw failed.reason;
  }

  /**
   * Passes until nothing is due or `maxPasses` is reached. With a moving clock or a zero
   * backoff, this delivers everything deliverable, deterministically, for tests.
   */
  async drain(maxPasses = 50): Promise<RunSummary> {
    const total = emptySummary();
    for (let i = 0; i < maxPasses; i++) {
      const s = await this.runOnce();
      for (const k of Object.keys(total) as Array<keyof RunSummary>) total[k] += s[k];
      if (s.delivered + s.retry + s.superseded + s.failed + s["lease-short"] + s.busy === 0) break;
    }
    return total;
  }
}
