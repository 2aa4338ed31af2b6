import { Router } from "express";
import { ZLmsMarkParams, type TLmsMarkListResponse, type TLmsMarkReadResponse } from "../../contracts/gradebook";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { GradebookPorts } from "../../gradebook/platformService";
import { listLmsMarks } from "../../gradebook/listLmsMarks";
import { onBehalfOf } from "../../gradebook/platformErrors";
import { readBackCourseMarks } from "../../gradebook/readBackLmsMarks";
import { adoptLmsMark, dismissLmsMark } from "../../gradebook/settleLmsMark";
import { authorize } from "../../policies/gradebook";
import { courseScope } from "../../policies/scope";

/**
 * /api/gradebook/lms-marks — marks entered or changed in the LMS gradebook: read back now (the
 * marking page does this when a tutor opens it), list the open ones, adopt one (it becomes the
 * module's mark through marking) or keep the tool's mark instead.
 */
export function lmsMarksRouter(ports: GradebookPorts): Router {
  const router = Router();

  router.get(
    "/",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "readResults");
      const body: TLmsMarkListResponse = { marks: await listLmsMarks(courseScope(actor)) };
      res.json(body);
    }),
  );

  router.post(
    "/read",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "readResults");
      const { tenantId, contextId } = courseScope(actor);
      const read = await onBehalfOf(() => readBackCourseMarks(ports, tenantId, contextId));
      const body: TLmsMarkReadResponse = { read, marks: await listLmsMarks({ tenantId, contextId }) };
      res.json(body);
    }),
  );

  router.post(
    "/:id/adopt",
    validate({ params: ZLmsMarkParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "readResults");
      const { params } = inputOf(req, { params: ZLmsMarkParams });
      await adoptLmsMark({ actor, lmsMarkId: params.id });
      res.json({ status: "adopted" });
    }),
  );

  router.post(
    "/:id/dismiss",
    validate({ params: ZLmsMarkParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "readResults");
      const { params } = inputOf(req, { params: ZLmsMarkParams });
      await dismissLmsMark({ actor, lmsMarkId: params.id });
      res.json({ status: "dismissed" });
    }),
  );

  return router;
}
