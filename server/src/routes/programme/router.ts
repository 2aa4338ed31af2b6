import type { NextFunction, Request, Response, Router } from "express";
import { programmeEndpoints } from "../../contracts/programme";
import { invalidFields } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize, can } from "../../policies";
import { presentProgramme } from "../../presenters/programme";
import { assignProgramme } from "../../commands/assignProgramme";
import { programmeInForce, programmeHistory } from "../../queries/programmeInForce";
import { storeProgrammeVersion } from "../../commands/storeProgrammeVersion";
import { missingProgrammeFiles } from "../../programme/programmeFiles";

const mayManage = (actor: Actor) => authorize(actor, "manage", "Programme");

/**
 * /api/programme — the programme the course follows. Everyone in the course reads it; a
 * programme lead loads the provider's own (a new immutable version; records made under the
 * old one keep pointing at it).
 */
export function programmeRouter(): Router {
  const { router, implement } = endpointRouter("/api/programme");

  implement(programmeEndpoints.current, {
    // Everyone in the course reads it; only those who manage it see its history.
    policy: anyoneSignedIn,
    handler: async ({ actor }) => {
      const programme = await programmeInForce(actor.tenantId, actor.contextId);
      return presentProgramme(
        programme,
        can(actor, "manage", "Programme") ? await programmeHistory(actor.tenantId, actor.contextId) : [],
      );
    },
  });

  implement(programmeEndpoints.load, {
    // Authorize before validating (middleware runs first): only leads learn what a valid programme looks like.
    // (express passes a refusal thrown here on to the error middleware.)
    middleware: [
      (req: Request, _res: Response, next: NextFunction) => {
        mayManage(actorOf(req));
        next();
      },
    ],
    policy: mayManage,
    handler: async ({ actor, input: { body } }) => {
      const missing = missingProgrammeFiles(body);
      if (missing.length > 0) {
        throw invalidFields(missing, {
          advice: "Add the file to lti-config/programmes/files or remove it from the module.",
        });
      }
      const programme = await storeProgrammeVersion({
        tenantId: actor.tenantId,
        definition: body,
        loadedBy: actor.userId,
      });
      await assignProgramme({
        tenantId: actor.tenantId,
        contextId: actor.contextId,
        programme,
        assignedBy: actor.userId,
      });
      return presentProgramme(programme, await programmeHistory(actor.tenantId, actor.contextId));
    },
  });
  return router;
}
