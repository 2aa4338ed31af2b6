import type { Router } from "express";
import { markingEndpoints } from "../../contracts/marking";
import { correctModuleMark } from "../../commands/correctModuleMark";
import { decideModuleWork, type ModuleDecisionInput } from "../../commands/markModuleWork";
import { notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import type { ModuleRecordDoc } from "../../models/moduleRecord";
import { authorize, can } from "../../policies";
import { presentMarkingDetail, presentMarkingItem } from "../../presenters/marking";
import { markingDetailOf, markingList, moduleRecordInCourse } from "../../queries/markingReads";

/** Module work in the actor's course that they may see (else 404) and, when asked, mark (else 403). */
async function workToMark(actor: Actor, recordId: string, action: "view" | "mark"): Promise<ModuleRecordDoc> {
  const record = await moduleRecordInCourse(actor, recordId);
  if (!record) throw notFound("That module work");
  authorize(actor, "view", "ModuleWork", record);
  if (action === "mark") authorize(actor, "mark", "ModuleWork", record);
  return record;
}

/** The marking view of the work as it is now (after a mark, read again). */
async function presentedWork(actor: Actor, recordId: string) {
  const record = await workToMark(actor, recordId, "view");
  return presentMarkingDetail({
    ...(await markingDetailOf(actor, record)),
    canMark: can(actor, "mark", "ModuleWork", record),
  });
}

/** /api/marking — module work waiting for (or given) a tutor's mark, in the tutor's own course; marks and their corrections. */
export function markingRouter(): Router {
  const { router, implement } = endpointRouter("/api/marking");

  implement(markingEndpoints.list, {
    policy: (actor) => authorize(actor, "list", "ModuleWork"),
    handler: async ({ actor, input: { query } }) => ({
      items: (await markingList(actor, query.status)).map(({ record, module, mentor, latest }) =>
        presentMarkingItem(record, module, mentor, latest),
      ),
    }),
  });

  implement(markingEndpoints.work, {
    policy: async (actor, { params }) => {
      // The marking view of one piece of work is for those who mark: a mentor's own is on their module page.
      if (!can(actor, "list", "ModuleWork")) throw notFound("That module work");
      return workToMark(actor, params.recordId, "view");
    },
    handler: async ({ actor, allowed: record }) =>
      presentMarkingDetail({
        ...(await markingDetailOf(actor, record)),
        canMark: can(actor, "mark", "ModuleWork", record),
      }),
  });

  implement(markingEndpoints.mark, {
    policy: (actor, { params }) => workToMark(actor, params.recordId, "mark"),
    handler: async ({ actor, allowed: record, input: { params, body } }) => {
      await decideModuleWork({ actor, record, decision: { kind: "mark", ...body } as ModuleDecisionInput });
      return presentedWork(actor, params.recordId);
    },
  });

  implement(markingEndpoints.return, {
    policy: (actor, { params }) => workToMark(actor, params.recordId, "mark"),
    handler: async ({ actor, allowed: record, input: { params, body } }) => {
      await decideModuleWork({ actor, record, decision: { kind: "return", ...body } as ModuleDecisionInput });
      return presentedWork(actor, params.recordId);
    },
  });

  // A tutor corrects a mark given: the new mark supersedes it (never the mentor on their own work).
  implement(markingEndpoints.correct, {
    policy: (actor, { params }) => workToMark(actor, params.recordId, "mark"),
    handler: async ({ actor, allowed: record, input: { params, body } }) => {
      await correctModuleMark({ actor, record, correction: body });
      return presentedWork(actor, params.recordId);
    },
  });
  return router;
}
