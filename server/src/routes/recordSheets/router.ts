import { Router } from "express";
import {
  ZRecordSheetList,
  ZRecordSheetParams,
  ZRecordSheetQualificationParams,
  ZRecordSheetRelease,
  ZRecordSheetSave,
  ZRecordSheetSignOff,
} from "../../contracts/recordSheets";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import type { RecordSheetDoc } from "../../models/recordSheet";
import { authorizeReleaseRecordSheet, authorizeSignOff, canKeepRecordSheet } from "../../policies/recordSheet";
import { programmeForCourse } from "../../queries/programmeForCourse";
import { listRecordSheets, loadVisibleRecordSheet, recordSheetQualification, signersOf, subjectOf } from "../../queries/recordSheetReads";
import { releaseRecordSheet } from "../../commands/releaseRecordSheet";
import { saveRecordSheet } from "../../commands/saveRecordSheet";
import { signOffRecordSheet } from "../../commands/signOffRecordSheet";
import { presentRecordSheet } from "../../presenters/recordSheet";

async function present(actor: Actor, sheet: RecordSheetDoc) {
  const { definition } = await programmeForCourse(sheet.tenantId, sheet.contextId);
  return presentRecordSheet(actor, recordSheetQualification(definition, sheet.qualificationCode), sheet, await subjectOf(sheet));
}

/**
 * /api/record-sheets — certification by record-sheet sign-off, where the programme sets it for a
 * qualification: the mentor fills in and submits the sheet, their link tutor, lead mentor or
 * school's coordinating mentor (as the programme says) signs it off, and the programme lead releases the award.
 */
export function recordSheetsRouter(): Router {
  const router = Router();

  router.get("/", handle(async (req, res) => {
    const actor = actorOf(req);
    const { mine, toSignOff, toRelease } = await listRecordSheets(actor);
    const shown = (items: typeof mine) => items.map((i) => presentRecordSheet(actor, i.qualification, i.sheet, i.subject));
    res.json(ZRecordSheetList.parse({ mine: shown(mine), toSignOff: shown(toSignOff), toRelease: shown(toRelease) }));
  }));

  const save = { params: ZRecordSheetQualificationParams, body: ZRecordSheetSave };
  for (const [method, path, submit] of [["put", "/:qualificationCode", false], ["post", "/:qualificationCode/submit", true]] as const) {
    router[method](path, validate(save), handle(async (req, res) => {
      const actor = actorOf(req);
      if (!canKeepRecordSheet(actor)) throw forbidden("Only mentors keep a record sheet.");
      const { params, body } = inputOf(req, save);
      const sheet = await saveRecordSheet({ actor, qualificationCode: params.qualificationCode, input: body, submit });
      res.status(submit ? 201 : 200).json(await present(actor, sheet));
    }));
  }

  const signOff = { params: ZRecordSheetParams, body: ZRecordSheetSignOff };
  router.post("/:sheetId/sign-off", validate(signOff), handle(async (req, res) => {
    const actor = actorOf(req);
    const { params, body } = inputOf(req, signOff);
    const { sheet, subject, qualification } = await loadVisibleRecordSheet(actor, params.sheetId);
    const capacity = authorizeSignOff(actor, subject, signersOf(qualification));
    const signed = await signOffRecordSheet({ actor, sheet, capacity, comment: body.comment, expectedVersion: body.expectedVersion });
    res.status(201).json(await present(actor, signed));
  }));

  const release = { params: ZRecordSheetParams, body: ZRecordSheetRelease };
  router.post("/:sheetId/release", validate(release), handle(async (req, res) => {
    const actor = actorOf(req);
    const { params, body } = inputOf(req, release);
    const { sheet, subject } = await loadVisibleRecordSheet(actor, params.sheetId);
    authorizeReleaseRecordSheet(actor, subject);
    const released = await releaseRecordSheet({ actor, sheet, expectedVersion: body.expectedVersion });
    res.json(await present(actor, released));
  }));

  return router;
}
