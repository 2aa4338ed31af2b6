import type { Router } from "express";
import { jobsEndpoints } from "../../contracts/jobs";
import { endpointRouter } from "../../http/endpoint";
import { listJobs } from "../../jobs/listJobs";
import { authorize } from "../../policies";
import { presentJob } from "../../presenters/job";

/** GET /api/jobs — each background job's last run and failures, for programme leads. */
export function jobsRouter(): Router {
  const { router, implement } = endpointRouter("/api/jobs");
  implement(jobsEndpoints.list, {
    policy: (actor) => authorize(actor, "view", "Job"),
    handler: async () => {
      const now = new Date();
      return { jobs: (await listJobs()).map((job) => presentJob(job, now)) };
    },
  });
  return router;
}
