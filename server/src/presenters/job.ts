import type { TJobStatus } from "../contracts/jobs";
import type { JobDoc } from "../models/job";

/**
 * Jobs run for every platform the tool serves, so a failure's own message can name another
 * tenant's VLE or course: a lead is told that the run failed and where the details are, and the
 * message itself stays in the jobs record and the server's log.
 */
export const FAILURE_SEEN_BY_LEADS = "The last run failed; the details are in the tool's server log.";

/** A job's record as the lead's page shows it; the lease owner and token stay on the server. */
export function presentJob(job: JobDoc, now = new Date()): TJobStatus {
  return {
    name: job._id,
    title: job.title,
    intervalMs: job.intervalMs,
    isRunning: job.leaseUntil > now,
    lastStartedAt: job.lastStartedAt?.toISOString() ?? null,
    lastFinishedAt: job.lastFinishedAt?.toISOString() ?? null,
    lastDurationMs: job.lastDurationMs ?? null,
    lastResult: job.lastResult ?? null,
    lastError: job.lastResult === "failed" ? FAILURE_SEEN_BY_LEADS : null,
    nextRunAt: job.nextRunAt.toISOString(),
    runs: job.runs ?? 0,
    failures: job.failures ?? 0,
    consecutiveFailures: job.consecutiveFailures ?? 0,
  };
}
