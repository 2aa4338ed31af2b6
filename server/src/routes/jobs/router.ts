import { Router } from "express";
import { ZJobListQuery, type TJobListResponse } from "../../contracts/jobs";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { validate } from "../../http/validate";
import { listJobs } from "../../jobs/listJobs";
import { authorize } from "../../policies/job";
import { presentJob } from "../../presenters/job";

/** GET /api/jobs — each background job's last run and failures, for programme leads. */
export function jobsRouter(): Router {
  const router = Router();
  router.get(
    "/",
    validate({ query: ZJobListQuery }),
    handle(async (req, res) => {
      authorize(actorOf(req), "view");
      const now = new Date();
      const body: TJobListResponse = { jobs: (await listJobs()).map((job) => presentJob(job, now)) };
      res.json(body);
    }),
  );
  return router;
}
