import { Router } from "express";
import { ZProgrammeUpdate } from "../../contracts/programme";
import { forbidden, invalidInput } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { isLead } from "../../policies/scope";
import { presentProgramme } from "../../presenters/programme";
import { assignProgramme, programmeForCourse, programmeHistory } from "../../queries/programmeForCourse";
import { missingProgrammeFiles } from "../../programme/programmeFiles";
import { storeProgrammeVersion } from "../../programme/programmeVersions";

/**
 * /api/programme — the programme the course follows. Everyone in the course reads it; a
 * programme lead loads the provider's own (a new immutable version; records made under the
 * old one keep pointing at it).
 */
export function programmeRouter(): Router {
  const router = Router();

  router.get(
    "/",
    handle(async (req, res) => {
      const actor = actorOf(req);
      const programme = await programmeForCourse(actor.tenantId, actor.contextId);
      res.json(presentProgramme(programme, isLead(actor) ? await programmeHistory(actor.tenantId, actor.contextId) : []));
    }),
  );

  router.put(
    "/",
    // Authorize before validating: only leads learn what a valid programme looks like.
    (req, _res, next) => next(isLead(actorOf(req)) ? undefined : forbidden("Only programme leads can load a programme.")),
    validate({ body: ZProgrammeUpdate }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { body } = inputOf(req, { body: ZProgrammeUpdate });
      const missing = missingProgrammeFiles(body);
      if (missing.length > 0) {
        throw invalidInput(`Please check: ${missing.map((m) => `${m.field.replace(/^body\./, "")} ${m.message}`).join("; ")}. Add the file to lti-config/programmes/files or remove it from the module.`, { fields: missing });
      }
      const programme = await storeProgrammeVersion(actor.tenantId, body, actor.userId);
      await assignProgramme({ tenantId: actor.tenantId, contextId: actor.contextId, programme, assignedBy: actor.userId });
      res.json(presentProgramme(programme, await programmeHistory(actor.tenantId, actor.contextId)));
    }),
  );
  return router;
}
