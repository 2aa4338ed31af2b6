/** What a job's handler is given. */
export interface JobContext {
  /** The process running it (host:pid:random), as its lease records. */
  owner: string;
}

/** What a handler may return: `again` when it stopped with work left, so it runs again at once. */
export interface JobResult {
  again?: boolean;
}

/**
 * One kind of background work (grade passback, a sweep, a sync): run by the JobRunner of every
 * process, but by only one of them at a time, every `intervalMs`.
 */
export interface JobDefinition {
  /** Stable key, kebab-case: the job's `_id` in the `jobs` collection. */
  name: string;
  /** What it does, for the programme lead's page. */
  title: string;
  /** From the end of one run (in any process) to the start of the next. */
  intervalMs: number;
  /**
   * How long a holder that stops renewing its lease (a crashed process) keeps others out. A live
   * run renews it every third of this, so it need not cover the longest run.
   */
  leaseMs: number;
  /** The work. A throw is recorded as the run's failure and the job is tried again sooner. */
  run(context: JobContext): Promise<JobResult | void>;
}
