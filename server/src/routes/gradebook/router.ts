import { Router } from "express";
import type { AppDeps } from "../../appDeps";
import {
  ZGradeDeliveryListQuery,
  ZGradeDeliveryParams,
  ZGradebookResultsParams,
  type TGradeDeliveryListResponse,
} from "../../contracts/gradebook";
import { conflict, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { GradeRecord } from "../../models/gradeRecord";
import { Member } from "../../models/member";
import { authorize } from "../../policies/gradebook";
import { courseScope } from "../../policies/scope";
import { presentDelivery, presentResultRow } from "../../presenters/gradebook";
import type { OutboxRecord } from "../../gradebook/deliverCell";
import { onBehalfOf } from "../../gradebook/platformErrors";
import { readBackResults } from "../../gradebook/readBackResults";
import { listCourseLineItems, syncLineItems } from "../../gradebook/syncLineItems";
import { lmsMarksRouter } from "./lmsMarks";

type Stored = Parameters<typeof presentDelivery>[0];
const LIST_LIMIT = 500;

async function mentorNames(scope: { tenantId: string; contextId: string }, userIds: string[]) {
  const members = await Member.find({ ...scope, userId: { $in: [...new Set(userIds)] } }, { userId: 1, name: 1 }).lean();
  return new Map(members.map((m) => [m.userId, m.name]));
}

/**
 * /api/gradebook — the course's LMS gradebook connection, for tutors and leads: each mark's
 * delivery state, retrying a failed one, the programme's columns, and reading results back.
 */
export function gradebookRouter(deps: AppDeps): Router {
  const router = Router();
  const ports = { provider: deps.lti.provider };
  router.use("/lms-marks", lmsMarksRouter(ports));

  router.get(
    "/deliveries",
    validate({ query: ZGradeDeliveryListQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "viewDelivery");
      const { query } = inputOf(req, { query: ZGradeDeliveryListQuery });
      const scope = courseScope(actor);
      const filter: Record<string, unknown> = { ...scope };
      if (query.status) filter["delivery.status"] = query.status;
      if (query.mentorUserId) filter.mentorUserId = query.mentorUserId;
      const records = await GradeRecord.find(filter).sort({ gradedAt: -1 }).limit(LIST_LIMIT).lean<Stored[]>();
      const names = await mentorNames(scope, records.map((r) => r.mentorUserId));
      const counts = { pending: 0, delivered: 0, failed: 0, superseded: 0 };
      for (const status of Object.keys(counts) as Array<keyof typeof counts>) {
        counts[status] = await GradeRecord.countDocuments({ ...scope, "delivery.status": status });
      }
      const body: TGradeDeliveryListResponse = {
        deliveries: records.map((r) => presentDelivery(r, names.get(r.mentorUserId) ?? r.mentorUserId)),
        counts,
      };
      res.json(body);
    }),
  );

  router.post(
    "/deliveries/:id/retry",
    validate({ params: ZGradeDeliveryParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params } = inputOf(req, { params: ZGradeDeliveryParams });
      const record = await GradeRecord.findOne({ _id: params.id, ...courseScope(actor) }).lean<OutboxRecord>();
      if (!record) throw notFound("That mark");
      authorize(actor, "retryDelivery", record);
      if (record.delivery.status !== "failed") throw conflict("Only a mark whose delivery failed can be sent again.");
      // The worker never touches failed records, so this plain update cannot race with it.
      await GradeRecord.updateOne(
        { _id: record._id, "delivery.status": "failed" },
        { $set: { "delivery.status": "pending", "delivery.attempts": 0, "delivery.nextAttemptAt": new Date(), "delivery.lastError": null, "delivery.lastStatus": null } },
      );
      const updated = (await GradeRecord.findById(record._id).lean<Stored>())!;
      const names = await mentorNames(courseScope(actor), [updated.mentorUserId]);
      res.json({ delivery: presentDelivery(updated, names.get(updated.mentorUserId) ?? updated.mentorUserId) });
    }),
  );

  router.get(
    "/line-items",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "syncLineItems");
      const { tenantId, contextId } = courseScope(actor);
      const items = await listCourseLineItems(tenantId, contextId);
      res.json({ lineItems: items.map(({ resourceId, label, scoreMaximum, isInLms }) => ({ resourceId, label, scoreMaximum, isInLms })) });
    }),
  );

  router.post(
    "/line-items/sync",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "syncLineItems");
      const { tenantId, contextId } = courseScope(actor);
      const items = await onBehalfOf(() => syncLineItems(ports, tenantId, contextId));
      res.json({ lineItems: items.map(({ resourceId, label, scoreMaximum, isInLms }) => ({ resourceId, label, scoreMaximum, isInLms })) });
    }),
  );

  router.get(
    "/line-items/:resourceId/results",
    validate({ params: ZGradebookResultsParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "readResults");
      const { params } = inputOf(req, { params: ZGradebookResultsParams });
      const { tenantId, contextId } = courseScope(actor);
      const read = await onBehalfOf(() => readBackResults(ports, tenantId, contextId, params.resourceId));
      res.json({ lineItem: read.lineItem, readAt: read.readAt.toISOString(), rows: read.rows.map(presentResultRow) });
    }),
  );

  return router;
}
