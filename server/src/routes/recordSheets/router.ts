import type { Router } from "express";
import { recordSheetsEndpoints } from "../../contracts/recordSheets";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import type { RecordSheetDoc } from "../../models/recordSheet";
import { authorize } from "../../policies";
import { signOffCapacity } from "../../policies/recordSheet";
import { programmeInForce } from "../../queries/programmeInForce";
import {
  listRecordSheets,
  loadVisibleRecordSheet,
  recordSheetQualification,
  signersOf,
  subjectOf,
} from "../../queries/recordSheetReads";
import { releaseRecordSheet } from "../../commands/releaseRecordSheet";
import { saveRecordSheet } from "../../commands/saveRecordSheet";
import { signOffRecordSheet } from "../../commands/signOffRecordSheet";
import { presentRecordSheet } from "../../presenters/recordSheet";

async function present(actor: Actor, sheet: RecordSheetDoc) {
  const { definition } = await programmeInForce(sheet.tenantId, sheet.contextId);
  return presentRecordSheet(
    actor,
    recordSheetQualification(definition, sheet.qualificationCode),
    sheet,
    await subjectOf(sheet),
  );
}

/** A sheet the actor may see (else 404) with who the programme lets sign it off. */
async function visibleSheet(actor: Actor, sheetId: string) {
  const { sheet, subject, qualification } = await loadVisibleRecordSheet(actor, sheetId);
  return { sheet, subject: { ...subject, signedOffBy: signersOf(qualification) } };
}

/**
 * /api/record-sheets — certification by record-sheet sign-off, where the programme sets it for a
 * qualification: the mentor fills in and submits the sheet, their link tutor, lead mentor or
 * school's coordinating mentor (as the programme says) signs it off, and the programme lead releases the award.
 */
export function recordSheetsRouter(): Router {
  const { router, implement } = endpointRouter("/api/record-sheets");

  implement(recordSheetsEndpoints.list, {
    // The actor's own sheets, those waiting for their signature and (leads) those to release: the query picks them.
    policy: anyoneSignedIn,
    handler: async ({ actor }) => {
      const { mine, toSignOff, toRelease } = await listRecordSheets(actor);
      const shown = (items: typeof mine) =>
        items.map((i) => presentRecordSheet(actor, i.qualification, i.sheet, i.subject));
      return { mine: shown(mine), toSignOff: shown(toSignOff), toRelease: shown(toRelease) };
    },
  });

  for (const [endpoint, submit] of [
    [recordSheetsEndpoints.save, false],
    [recordSheetsEndpoints.submit, true],
  ] as const) {
    implement(endpoint, {
      policy: (actor) => authorize(actor, "keep", "RecordSheet"),
      handler: async ({ actor, input: { params, body } }) =>
        present(
          actor,
          await saveRecordSheet({ actor, qualificationCode: params.qualificationCode, input: body, submit }),
        ),
    });
  }

  implement(recordSheetsEndpoints.signOff, {
    policy: async (actor, { params }) => {
      const found = await visibleSheet(actor, params.sheetId);
      authorize(actor, "signOff", "RecordSheet", found.subject);
      return found;
    },
    handler: async ({ actor, allowed: { sheet, subject }, input: { body } }) => {
      // authorize() has just found the capacity they sign in.
      const capacity = signOffCapacity(actor, subject, subject.signedOffBy)!;
      return present(
        actor,
        await signOffRecordSheet({
          actor,
          sheet,
          capacity,
          comment: body.comment,
          expectedVersion: body.expectedVersion,
        }),
      );
    },
  });

  implement(recordSheetsEndpoints.release, {
    policy: async (actor, { params }) => {
      const found = await visibleSheet(actor, params.sheetId);
      authorize(actor, "release", "RecordSheet", found.subject);
      return found;
    },
    handler: async ({ actor, allowed: { sheet }, input: { body } }) =>
      present(actor, await releaseRecordSheet({ actor, sheet, expectedVersion: body.expectedVersion })),
  });

  return router;
}
