import type { TJobStatus } from "../contracts/jobs";
import type { JobDoc } from "../models/job";

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
    lastError: job.lastError ?? null,
    nextRunAt: job.nextRunAt.toISOString(),
    runs: job.runs ?? 0,
    failures: job.failures ?? 0,
    consecutiveFailures: job.consecutiveFailures ?? 0,
  };
}
