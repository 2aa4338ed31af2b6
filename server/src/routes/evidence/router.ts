import { Router, type Request } from "express";
import {
  ZAttachmentParams,
  ZEvidenceCreate,
  ZEvidenceList,
  ZEvidenceListQuery,
  ZEvidenceParams,
  ZEvidenceReorder,
  ZEvidenceUpdate,
  ZStandardsList,
  ZAttachmentRemoved,
  ZEvidenceBin,
} from "../../contracts/evidence";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { rememberReads } from "../../http/rememberReads";
import { Attachment, type AttachmentDoc } from "../../models/attachment";
import { Evidence, type EvidenceDoc } from "../../models/evidence";
import { ownEvidenceScope } from "../../policies/evidence";
import { addAttachment, removeAttachment, restoreAttachment } from "../../commands/addAttachment";
import { evidenceBin } from "../../queries/binReads";
import { portfolioProgramme } from "../../queries/portfolioProgramme";
import { createEvidence, deleteEvidence, reorderEvidence, restoreEvidence, setEvidenceArchived, updateEvidence } from "../../commands/saveEvidence";
import { presentAttachment, presentEvidence, presentEvidenceList } from "../../presenters/evidence";
import { sendStoredFile } from "../../presenters/download";
import { refuseUnreadableUpload, uploadOne } from "./upload";

/** The signed-in mentor's scope; anyone else has no evidence here (404). */
function scopeOf(req: Request) {
  const scope = ownEvidenceScope(actorOf(req));
  if (!scope) throw notFound("That evidence");
  return scope;
}

async function loadEvidence(req: Request, evidenceId: string): Promise<EvidenceDoc> {
  const evidence = await Evidence.findOne({ ...scopeOf(req), _id: evidenceId }).lean<EvidenceDoc>();
  if (!evidence) throw notFound("That evidence");
  return evidence;
}

async function loadAttachment(req: Request, p: { evidenceId: string; attachmentId: string }): Promise<AttachmentDoc> {
  const evidence = await loadEvidence(req, p.evidenceId);
  const attachment = await Attachment.findOne({ _id: p.attachmentId, evidenceId: evidence._id }).lean<AttachmentDoc>();
  if (!attachment) throw notFound("That file");
  return attachment;
}

/** /api/evidence — a mentor's own evidence: items, links to standards, attachments. */
export function evidenceRouter(): Router {
  const router = Router();

  const list = { query: ZEvidenceListQuery };
  router.get("/", validate(list), rememberReads("own-records"), handle(async (req, res) => {
    const { query } = inputOf(req, list);
    const archived = query.archived === "include" ? {} : query.archived === "only" ? { archivedAt: { $ne: null } } : { archivedAt: null };
    const items = await Evidence.find({ ...scopeOf(req), ...archived }).sort({ position: 1, createdAt: 1 }).lean<EvidenceDoc[]>();
    res.json(ZEvidenceList.parse({ items: await presentEvidenceList(items) }));
  }));

  router.get("/standards", handle(async (req, res) => {
    const scope = scopeOf(req);
    const { definition } = await portfolioProgramme(scope.tenantId, scope.contextId);
    res.json(ZStandardsList.parse({ standards: definition.standards }));
  }));

  // The bin: deleted evidence and files, restorable for 30 days (models/binned.ts).
  router.get("/bin", handle(async (req, res) => {
    res.json(ZEvidenceBin.parse(await evidenceBin(scopeOf(req))));
  }));

  const binned = { params: ZEvidenceParams };
  router.post("/bin/:evidenceId/restore", validate(binned), handle(async (req, res) => {
    res.json(await presentEvidence(await restoreEvidence({ scope: scopeOf(req), evidenceId: inputOf(req, binned).params.evidenceId })));
  }));

  const create = { body: ZEvidenceCreate };
  router.post("/", validate(create), handle(async (req, res) => {
    const scope = scopeOf(req);
    const { definition } = await portfolioProgramme(scope.tenantId, scope.contextId);
    const evidence = await createEvidence({ scope, input: inputOf(req, create).body, programme: definition });
    res.status(201).json(await presentEvidence(evidence));
  }));

  const reorder = { body: ZEvidenceReorder };
  router.put("/order", validate(reorder), handle(async (req, res) => {
    await reorderEvidence({ scope: scopeOf(req), order: inputOf(req, reorder).body.order });
    res.status(204).end();
  }));

  const one = { params: ZEvidenceParams };
  router.get("/:evidenceId", validate(one), rememberReads("own-records"), handle(async (req, res) => {
    res.json(await presentEvidence(await loadEvidence(req, inputOf(req, one).params.evidenceId)));
  }));

  const update = { params: ZEvidenceParams, body: ZEvidenceUpdate };
  router.patch("/:evidenceId", validate(update), handle(async (req, res) => {
    const { params, body } = inputOf(req, update);
    const scope = scopeOf(req);
    const evidence = await loadEvidence(req, params.evidenceId);
    const { definition } = await portfolioProgramme(scope.tenantId, scope.contextId);
    await updateEvidence({ scope, evidence, input: body, programme: definition });
    res.json(await presentEvidence(await loadEvidence(req, params.evidenceId)));
  }));

  for (const [path, archived] of [["archive", true], ["restore", false]] as const) {
    router.post(`/:evidenceId/${path}`, validate(one), handle(async (req, res) => {
      const evidence = await loadEvidence(req, inputOf(req, one).params.evidenceId);
      await setEvidenceArchived({ evidence, archived });
      res.json(await presentEvidence(await loadEvidence(req, evidence._id.toString())));
    }));
  }

  router.delete("/:evidenceId", validate(one), handle(async (req, res) => {
    await deleteEvidence({ evidence: await loadEvidence(req, inputOf(req, one).params.evidenceId) });
    res.status(204).end();
  }));

  // The declared size and type, then the params, are checked before the body is read: a refused upload costs nothing.
  router.post("/:evidenceId/attachments", refuseUnreadableUpload, validate(one), handle(async (req, res) => {
    const scope = scopeOf(req);
    const evidence = await loadEvidence(req, inputOf(req, one).params.evidenceId);
    await new Promise<void>((resolve, reject) => uploadOne(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    const attachment = await addAttachment({ scope, evidence, file: req.file! });
    res.status(201).json(presentAttachment(attachment));
  }));

  const attachment = { params: ZAttachmentParams };
  router.get("/:evidenceId/attachments/:attachmentId", validate(attachment), handle(async (req, res) => {
    await sendStoredFile(res, await loadAttachment(req, inputOf(req, attachment).params));
  }));

  router.delete("/:evidenceId/attachments/:attachmentId", validate(attachment), handle(async (req, res) => {
    const result = await removeAttachment({ attachment: await loadAttachment(req, inputOf(req, attachment).params) });
    res.json(ZAttachmentRemoved.parse({ result }));
  }));

  router.post("/:evidenceId/attachments/:attachmentId/restore", validate(attachment), handle(async (req, res) => {
    const { evidenceId, attachmentId } = inputOf(req, attachment).params;
    const restored = await restoreAttachment({ evidence: await loadEvidence(req, evidenceId), attachmentId });
    res.json(presentAttachment(restored));
  }));

  return router;
}
