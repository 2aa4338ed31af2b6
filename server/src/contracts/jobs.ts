import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** GET /api/jobs takes no parameters; anything sent is refused rather than ignored. */
export const ZJobListQuery = z.object({}).strict();

/** One background job as the programme lead sees it: its last run and its failures. */
export const ZJobStatus = z.object({
  /** Stable key, e.g. "grade-passback". */
  name: z.string(),
  title: z.string(),
  intervalMs: z.number().int().nonnegative(),
  /** True while some process holds the job's lease and is running it. */
  isRunning: z.boolean(),
  /** ISO times; null before the first run. */
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastDurationMs: z.number().nonnegative().nullable(),
  lastResult: z.enum(["succeeded", "failed"]).nullable(),
  /** The last failure's message while the job is failing; null after a success. */
  lastError: z.string().nullable(),
  nextRunAt: z.string(),
  runs: z.number().int().nonnegative(),
  /** Failed runs in all. */
  failures: z.number().int().nonnegative(),
  /** Failed runs since the last success. */
  consecutiveFailures: z.number().int().nonnegative(),
});
export type TJobStatus = z.infer<typeof ZJobStatus>;

export const ZJobListResponse = z.object({ jobs: z.array(ZJobStatus) });
export type TJobListResponse = z.infer<typeof ZJobListResponse>;

/** GET /api/jobs — each background job's last run and failures, for programme leads. */
export const jobsEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/jobs", input: { query: ZJobListQuery }, output: ZJobListResponse }),
};
