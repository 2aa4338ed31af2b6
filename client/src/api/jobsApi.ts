import { ZJobListResponse } from "@contracts/jobs";
import { apiRequest } from "./http";

/** Typed calls for the tool's background jobs (programme leads). */
export const jobsApi = {
  list: (signal?: AbortSignal) => apiRequest("GET", "/api/jobs", { schema: ZJobListResponse, signal }),
};
