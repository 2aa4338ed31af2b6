import type { Router } from "express";
import { evidenceEndpoints } from "../../contracts/evidence";
import { notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import { rememberReads } from "../../http/rememberReads";
import type { Actor } from "../../lti/sessionToken";
import type { AttachmentDoc } from "../../models/attachment";
import type { EvidenceDoc } from "../../models/evidence";
import { scopeFor } from "../../policies";
import { addAttachment, removeAttachment, restoreAttachment } from "../../commands/addAttachment";
import { evidenceBin } from "../../queries/binReads";
import { findAttachment, findEvidence } from "../../queries/evidenceReads";
import { programmeInForce } from "../../queries/programmeInForce";
import {
  createEvidence,
  deleteEvidence,
  reorderEvidence,
  restoreEvidence,
  setEvidenceArchived,
  updateEvidence,
} from "../../commands/saveEvidence";
import { presentAttachment, presentEvidence, presentEvidenceList } from "../../presenters/evidence";
import { sendStoredFile } from "../../presenters/download";
import { readUpload, refuseUnreadableUpload } from "./upload";
import { evidenceDetailsOf, evidenceListDetails } from "../../queries/evidenceDetails";

/** The signed-in mentor's scope; anyone else has no evidence here (404). */
function ownScope(actor: Actor) {
  const scope = scopeFor(actor, "read", "Evidence");
  if (!scope) throw notFound("That evidence");
  // Evidence is only ever its author's: the scope is the actor's own records.
  return { ...scope, mentorUserId: actor.userId };
}

type Scope = ReturnType<typeof ownScope>;

async function loadEvidence(scope: Scope, evidenceId: string): Promise<EvidenceDoc> {
  const evidence = await findEvidence(scope, evidenceId);
  if (!evidence) throw notFound("That evidence");
  return evidence;
}

/** The item named, in the actor's own scope: another mentor's is a 404. */
async function ownEvidence(actor: Actor, input: { params: { evidenceId: string } }) {
  const scope = ownScope(actor);
  return { scope, evidence: await loadEvidence(scope, input.params.evidenceId) };
}

/** The file named, on an item in the actor's own scope. */
async function ownAttachment(
  actor: Actor,
  input: { params: { evidenceId: string; attachmentId: string } },
): Promise<AttachmentDoc> {
  const { evidence } = await ownEvidence(actor, input);
  const attachment = await findAttachment(evidence, input.params.attachmentId);
  if (!attachment) throw notFound("That file");
  return attachment;
}

const own = (actor: Actor) => ownScope(actor);

/** /api/evidence — a mentor's own evidence: items, links to standards, attachments. */
export function evidenceRouter(): Router {
  const { router, implement } = endpointRouter("/api/evidence");
  const e = evidenceEndpoints;

  implement(e.list, {
    middleware: [rememberReads("own-records")],
    policy: own,
    handler: async ({ allowed: scope, input: { query } }) => ({
      items: await presentEvidenceList(await evidenceListDetails(scope, query.archived)),
    }),
  });

  implement(e.standards, {
    policy: own,
    handler: async ({ allowed: scope }) => ({
      standards: (await programmeInForce(scope.tenantId, scope.contextId)).definition.standards,
    }),
  });

  // The bin: deleted evidence and files, restorable for 30 days (models/binned.ts).
  implement(e.bin, { policy: own, handler: ({ allowed: scope }) => evidenceBin(scope) });

  implement(e.restoreFromBin, {
    policy: own,
    handler: async ({ allowed: scope, input: { params } }) =>
      presentEvidence(await evidenceDetailsOf(await restoreEvidence({ scope, evidenceId: params.evidenceId }))),
  });

  implement(e.create, {
    policy: own,
    handler: async ({ allowed: scope, input: { body } }) => {
      const { definition } = await programmeInForce(scope.tenantId, scope.contextId);
      return presentEvidence(
        await evidenceDetailsOf(await createEvidence({ scope, input: body, programme: definition })),
      );
    },
  });

  implement(e.reorder, {
    policy: own,
    handler: async ({ allowed: scope, input: { body } }) => {
      await reorderEvidence({ scope, order: body.order });
    },
  });

  implement(e.one, {
    middleware: [rememberReads("own-records")],
    policy: ownEvidence,
    handler: async ({ allowed: { evidence } }) => presentEvidence(await evidenceDetailsOf(evidence)),
  });

  implement(e.update, {
    policy: ownEvidence,
    handler: async ({ allowed: { scope, evidence }, input: { body } }) => {
      const { definition } = await programmeInForce(scope.tenantId, scope.contextId);
      await updateEvidence({ scope, evidence, input: body, programme: definition });
      return presentEvidence(await evidenceDetailsOf(await loadEvidence(scope, evidence._id.toString())));
    },
  });

  for (const [endpoint, archived] of [
    [e.archive, true],
    [e.unarchive, false],
  ] as const) {
    implement(endpoint, {
      policy: ownEvidence,
      handler: async ({ allowed: { scope, evidence } }) => {
        await setEvidenceArchived({ evidence, archived });
        return presentEvidence(await evidenceDetailsOf(await loadEvidence(scope, evidence._id.toString())));
      },
    });
  }

  implement(e.remove, {
    policy: ownEvidence,
    handler: async ({ allowed: { evidence } }) => {
      await deleteEvidence({ evidence });
    },
  });

  // The declared size and type, then the params, are checked before the body is read: a refused upload costs nothing.
  implement(e.attach, {
    middleware: [refuseUnreadableUpload],
    policy: ownEvidence,
    handler: async ({ allowed: { scope, evidence }, req, res }) => {
      const file = await readUpload(req, res);
      return presentAttachment(await addAttachment({ scope, evidence, file }));
    },
  });

  implement(e.attachment, {
    policy: ownAttachment,
    handler: async ({ allowed: attachment, res }) => {
      await sendStoredFile(res, attachment);
    },
  });

  implement(e.removeAttachment, {
    policy: ownAttachment,
    handler: async ({ allowed: attachment }) => ({ result: await removeAttachment({ attachment }) }),
  });

  implement(e.restoreAttachment, {
    policy: ownEvidence,
    handler: async ({ allowed: { evidence }, input: { params } }) =>
      presentAttachment(await restoreAttachment({ evidence, attachmentId: params.attachmentId })),
  });

  return router;
}
