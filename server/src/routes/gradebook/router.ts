import type { Router } from "express";
import type { AppDeps } from "../../appDeps";
import { gradebookEndpoints } from "../../contracts/gradebook";
import { retryGradeDelivery } from "../../commands/retryGradeDelivery";
import { endpointRouter } from "../../http/endpoint";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { presentDelivery, presentResultRow } from "../../presenters/gradebook";
import { onBehalfOf } from "../../gradebook/platformErrors";
import { readBackResults } from "../../gradebook/readBackResults";
import { listCourseLineItems, syncLineItems } from "../../gradebook/syncLineItems";
import { gradeDeliveries, loadGradeDelivery, mentorNames } from "../../queries/gradeDeliveries";
import { implementLmsMarks } from "./lmsMarks";

/**
 * /api/gradebook — the course's LMS gradebook connection, for tutors and leads: each mark's
 * delivery state, retrying a failed one, the programme's columns, and reading results back.
 */
export function gradebookRouter(deps: AppDeps): Router {
  const { router, implement } = endpointRouter("/api/gradebook");
  const ports = { lti: deps.lti };
  implementLmsMarks(implement, ports);

  implement(gradebookEndpoints.deliveries, {
    policy: (actor) => authorize(actor, "viewDelivery", "Gradebook"),
    handler: async ({ actor, input: { query } }) => {
      const { records, names, counts } = await gradeDeliveries(courseScope(actor), query);
      return {
        deliveries: records.map((r) => presentDelivery(r, names.get(r.mentorUserId) ?? r.mentorUserId)),
        counts,
      };
    },
  });

  implement(gradebookEndpoints.retry, {
    policy: async (actor, { params }) => {
      const record = await loadGradeDelivery(courseScope(actor), params.id);
      authorize(actor, "retryDelivery", "Gradebook", record);
      return record;
    },
    handler: async ({ actor, allowed: record }) => {
      await retryGradeDelivery(record);
      const updated = await loadGradeDelivery(courseScope(actor), record._id.toString());
      const names = await mentorNames(courseScope(actor), [updated.mentorUserId]);
      return { delivery: presentDelivery(updated, names.get(updated.mentorUserId) ?? updated.mentorUserId) };
    },
  });

  implement(gradebookEndpoints.lineItems, {
    policy: (actor) => authorize(actor, "syncLineItems", "Gradebook"),
    handler: async ({ actor }) => {
      const { tenantId, contextId } = courseScope(actor);
      const items = await listCourseLineItems(tenantId, contextId);
      return {
        lineItems: items.map(({ resourceId, label, scoreMaximum, isInLms }) => ({
          resourceId,
          label,
          scoreMaximum,
          isInLms,
        })),
      };
    },
  });

  implement(gradebookEndpoints.syncLineItems, {
    policy: (actor) => authorize(actor, "syncLineItems", "Gradebook"),
    handler: async ({ actor }) => {
      const { tenantId, contextId } = courseScope(actor);
      const items = await onBehalfOf(() => syncLineItems(ports, tenantId, contextId));
      return {
        lineItems: items.map(({ resourceId, label, scoreMaximum, isInLms }) => ({
          resourceId,
          label,
          scoreMaximum,
          isInLms,
        })),
      };
    },
  });

  implement(gradebookEndpoints.results, {
    policy: (actor) => authorize(actor, "readResults", "Gradebook"),
    handler: async ({ actor, input: { params } }) => {
      const { tenantId, contextId } = courseScope(actor);
      const read = await onBehalfOf(() => readBackResults(ports, tenantId, contextId, params.resourceId));
      return { lineItem: read.lineItem, readAt: read.readAt.toISOString(), rows: read.rows.map(presentResultRow) };
    },
  });

  return router;
}
