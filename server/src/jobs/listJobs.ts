import { Job, type JobDoc } from "../models/job";

/** Every job any process has recorded, by name. Reads only. */
export function listJobs(): Promise<JobDoc[]> {
  return Job.find({}).sort({ _id: 1 }).lean<JobDoc[]>();
}
