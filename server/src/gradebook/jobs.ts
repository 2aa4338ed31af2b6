import { claimOnce } from "../db/exclusive";
import { Course } from "../models/course";
import { sweepAbandonedLeases } from "./cellLease";
import { syncRoster } from "./rosterSync";
import { GradebookWorker, type GradebookWorkerOptions } from "./worker";
import type { GradebookPorts } from "./platformService";

/** Background work for the LMS connection, started by boot. */
export interface GradebookJobOptions {
  worker?: GradebookWorkerOptions;
  /** How often every course's roster is refreshed from NRPS (default 6 h; 0 = never). */
  rosterIntervalMs?: number;
  /** How often abandoned lease claims are swept (default 1 h; 0 = never). */
  leaseSweepIntervalMs?: number;
  /** False starts nothing in the background (tests drive `worker` themselves). Default true. */
  autoStart?: boolean;
}

export interface GradebookJobs {
  worker: GradebookWorker;
  /** Refreshes every course's roster once for this schedule window; other processes skip it. */
  syncAllRosters(): Promise<number>;
  /** Deletes lease claims left by crashed workers, once they are long past mattering; returns how many. */
  sweepAbandonedLeases(now?: number): Promise<number>;
  stop(): Promise<void>;
}

const DEFAULT_ROSTER_INTERVAL_MS = 6 * 60 * 60_000;
const DEFAULT_LEASE_SWEEP_INTERVAL_MS = 60 * 60_000;
// A lease claim matters for at most two slots after it is made. Far longer than that, so that
// clocks that disagree between processes can never make a live lease look abandoned.
const MIN_ABANDONED_LEASE_AGE_MS = 60 * 60_000;

/** Starts the grade passback worker and the roster schedule. */
export function startGradebookJobs(ports: GradebookPorts, options: GradebookJobOptions = {}): GradebookJobs {
  const worker = new GradebookWorker(ports, options.worker);
  const interval = options.rosterIntervalMs ?? DEFAULT_ROSTER_INTERVAL_MS;

  const syncAllRosters = async () => {
    const window = interval > 0 ? Math.floor(Date.now() / interval) : Date.now();
    const courses = await Course.find({ nrpsUrl: { $ne: null } }, { tenantId: 1, contextId: 1 }).lean();
    let synced = 0;
    for (const c of courses) {
      // One process per course per window, however many are running.
      if (!(await claimOnce(`roster:${c.tenantId}:${c.contextId}:${window}`))) continue;
      try {
        await syncRoster(ports, c.tenantId, c.contextId);
        synced++;
      } catch (err) {
        console.warn(`[roster] scheduled sync of ${c.contextId} failed: ${err instanceof Error ? err.message : err}`);
      }
    }
    return synced;
  };

  const sweepLeases = (now = Date.now()) =>
    sweepAbandonedLeases(new Date(now - Math.max(MIN_ABANDONED_LEASE_AGE_MS, worker.leaseMs * 10)));
  const sweepInterval = options.leaseSweepIntervalMs ?? DEFAULT_LEASE_SWEEP_INTERVAL_MS;

  let rosterTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  if (options.autoStart !== false) {
    if (sweepInterval > 0) {
      sweepTimer = setInterval(() => void sweepLeases().catch((err) => console.error("[gradebook] lease sweep failed:", err)), sweepInterval);
      sweepTimer.unref();
    }
    worker.start();
    if (interval > 0) {
      rosterTimer = setInterval(() => void syncAllRosters().catch((err) => console.error("[roster] schedule failed:", err)), interval);
      rosterTimer.unref();
    }
  }
  return {
    worker,
    syncAllRosters,
    sweepAbandonedLeases: sweepLeases,
    async stop() {
      if (rosterTimer) clearInterval(rosterTimer);
      if (sweepTimer) clearInterval(sweepTimer);
      await worker.stop();
    },
  };
}
