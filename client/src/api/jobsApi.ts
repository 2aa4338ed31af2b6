import { jobsEndpoints } from "@contracts/jobs";
import { call } from "./call";

/** Typed calls for the tool's background jobs (programme leads). */
export const jobsApi = {
  list: (signal?: AbortSignal) => call(jobsEndpoints.list, { signal }),
};
