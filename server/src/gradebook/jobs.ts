import type { JobDefinition } from "../jobs/jobDefinition";
import { jobNames } from "../jobs/jobNames";
import { Course } from "../models/course";
import { sweepAbandonedLeases } from "./cellLease";
import { COURSE_SETUP_BATCH, setUpRequestedCourses } from "./courseSetup";
import { syncRoster } from "./rosterSync";
import { readBackLmsMarks } from "./readBackLmsMarks";
import { GradebookWorker, type GradebookWorkerOptions } from "./worker";
import type { GradebookPorts } from "./platformService";

/** Background work for the LMS connection, run by the tool's job runner. */
export interface GradebookJobOptions {
  /** The passback worker; its `pollMs` is the passback job's interval when idle. */
  worker?: GradebookWorkerOptions;
  /** How often every course's roster is refreshed from NRPS (default 6 h; 0 = never). */
  rosterIntervalMs?: number;
  /** How often abandoned cell leases are swept (default 1 h; 0 = never). */
  leaseSweepIntervalMs?: number;
  /** How often module columns' marks are read back from the LMS gradebook (default 15 min; 0 = never). */
  lmsMarkIntervalMs?: number;
  /**
   * Whether the first staff launch in a course sets it up in the LMS (module columns, roster over
   * NRPS) in the background: the course-setup job (default true; tests that count people or
   * columns from a bare course turn it off).
   */
  setUpCoursesOnLaunch?: boolean;
  /** False leaves these jobs paused in this process (tests drive `worker` themselves). Default true. */
  autoStart?: boolean;
}

/** What tests and operators reach into; `stop()` pauses the gradebook's jobs in this process. */
export interface GradebookJobs {
  worker: GradebookWorker;
  /** Refreshes every course's roster once for this schedule window; other processes skip it. */
  syncAllRosters(): Promise<number>;
  /** Deletes cell leases left by crashed workers, once they are long past mattering; returns how many. */
  sweepAbandonedLeases(now?: number): Promise<number>;
  stop(): Promise<void>;
}

/** The gradebook's job names, as the `jobs` collection and the lead's page show them. */
export const GRADEBOOK_JOB_NAMES = [
  jobNames.gradePassback,
  jobNames.rosterSync,
  jobNames.gradeLeaseSweep,
  jobNames.lmsMarkReadBack,
  jobNames.courseSetup,
] as const;

const DEFAULT_ROSTER_INTERVAL_MS = 6 * 60 * 60_000;
const DEFAULT_LEASE_SWEEP_INTERVAL_MS = 60 * 60_000;
const DEFAULT_PASSBACK_POLL_MS = 2_000;
const DEFAULT_LMS_MARK_INTERVAL_MS = 15 * 60_000;
// A lease matters until it expires. Far longer than that, so that clocks that disagree between
// processes can never make a live lease look abandoned.
const MIN_ABANDONED_LEASE_AGE_MS = 60 * 60_000;
const SWEEP_LEASE_MS = 5 * 60_000;

/** The passback worker and the gradebook's job definitions (passback, roster refresh, lease sweep). */
export function gradebookJobs(
  ports: GradebookPorts,
  options: GradebookJobOptions = {},
): Omit<GradebookJobs, "stop"> & { definitions: JobDefinition[] } {
  const worker = new GradebookWorker(ports, options.worker);
  const rosterInterval = options.rosterIntervalMs ?? DEFAULT_ROSTER_INTERVAL_MS;

  const syncAllRosters = async () => {
    const window = rosterInterval > 0 ? Math.floor(Date.now() / rosterInterval) : Date.now();
    const courses = await Course.find({ nrpsUrl: { $ne: null } }, { tenantId: 1, contextId: 1 }).lean();
    let synced = 0;
    for (const c of courses) {
      // One process per course per window, however many are running: the one that moves it on.
      if (
        (await Course.updateOne({ _id: c._id, rosterWindow: { $ne: window } }, { $set: { rosterWindow: window } }))
          .modifiedCount === 0
      )
        continue;
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

  const definitions: JobDefinition[] = [
    {
      name: jobNames.gradePassback,
      title: "Send marks to the VLE gradebook",
      intervalMs: options.worker?.pollMs ?? DEFAULT_PASSBACK_POLL_MS,
      leaseMs: worker.leaseMs,
      async run() {
        const s = await worker.runOnce();
        // Straight on while there is work; otherwise at the next poll.
        return { again: s.delivered + s.retry + s.superseded + s.failed > 0 };
      },
    },
  ];
  if (rosterInterval > 0) {
    definitions.push({
      name: jobNames.rosterSync,
      title: "Refresh course rosters from the VLE",
      intervalMs: rosterInterval,
      leaseMs: SWEEP_LEASE_MS,
      run: async () => void (await syncAllRosters()),
    });
  }
  if (sweepInterval > 0) {
    definitions.push({
      name: jobNames.gradeLeaseSweep,
      title: "Clear gradebook leases left by stopped processes",
      intervalMs: sweepInterval,
      leaseMs: SWEEP_LEASE_MS,
      run: async () => void (await sweepLeases()),
    });
  }
  const lmsMarkInterval = options.lmsMarkIntervalMs ?? DEFAULT_LMS_MARK_INTERVAL_MS;
  if (lmsMarkInterval > 0) {
    definitions.push({
      name: jobNames.lmsMarkReadBack,
      title: "Read marks entered in the VLE gradebook back",
      intervalMs: lmsMarkInterval,
      leaseMs: SWEEP_LEASE_MS,
      run: async () => void (await readBackLmsMarks(ports, lmsMarkInterval)),
    });
  }
  if (options.setUpCoursesOnLaunch ?? true) {
    definitions.push({
      name: jobNames.courseSetup,
      title: "Set up courses in the VLE after their first staff launch (module columns, roster)",
      // Woken by the launch (runSoon); the interval only retries a course the VLE refused.
      intervalMs: SWEEP_LEASE_MS,
      leaseMs: SWEEP_LEASE_MS,
      run: async () => {
        const pass = await setUpRequestedCourses(ports);
        return { again: pass.done + pass.failed >= COURSE_SETUP_BATCH };
      },
    });
  }
  return { worker, syncAllRosters, sweepAbandonedLeases: sweepLeases, definitions };
}
