import mongoose, { Schema } from "mongoose";

/**
 * One background job (`_id` is its name, e.g. "grade-passback") as every process running it
 * shares it: who holds its lease and until when, when it is next due, and how its last run
 * went. A process runs the job only after taking the lease with one conditional update
 * (see jobs/jobRunner.ts).
 */
const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** What the job does, in the words the lead's page shows. */
    title: { type: String, required: true },
    intervalMs: { type: Number, required: true },
    /** The process holding the lease, for people reading the record (host:pid:random). */
    leaseOwner: { type: String, default: null },
    /** Random per run: only the run that took the lease renews it or records its result. */
    leaseToken: { type: String, default: null },
    /** Nobody else may start the job before this; the epoch when nobody holds it. */
    leaseUntil: { type: Date, required: true },
    nextRunAt: { type: Date, required: true },
    /** Set by runSoon(): the job is due now, whatever nextRunAt says. */
    soonRequested: { type: Boolean, default: false },
    lastStartedAt: { type: Date, default: null },
    lastFinishedAt: { type: Date, default: null },
    lastDurationMs: { type: Number, default: null },
    lastResult: { type: String, enum: ["succeeded", "failed", null], default: null },
    lastError: { type: String, default: null },
    runs: { type: Number, default: 0 },
    /** Failed runs since the job was first recorded. */
    failures: { type: Number, default: 0 },
    /** Failed runs since the last success: sets how soon the job is tried again. */
    consecutiveFailures: { type: Number, default: 0 },
  },
  { versionKey: false },
);

export interface JobDoc {
  _id: string;
  title: string;
  intervalMs: number;
  leaseOwner: string | null;
  leaseToken: string | null;
  leaseUntil: Date;
  nextRunAt: Date;
  soonRequested: boolean;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  lastResult: "succeeded" | "failed" | null;
  lastError: string | null;
  runs: number;
  failures: number;
  consecutiveFailures: number;
}

export const Job = mongoose.model("Job", jobSchema);
