import { conflict, notFound } from "../errors";
import { Attachment, type AttachmentDoc } from "../models/attachment";
import type { EvidenceDoc } from "../models/evidence";
import { checkUpload } from "../storage/fileCheck";
import { deleteFile, storeFile } from "../storage/attachmentStore";
import { versionsHolding, type MentorScope } from "./saveEvidence";

const MAX_PER_EVIDENCE = 20;

/**
 * Checks an uploaded file by its content and stores it in GridFS, then lists it on the
 * evidence. If listing fails the stored bytes are removed, so nothing partial remains.
 */
export async function addAttachment(p: {
  scope: MentorScope;
  evidence: EvidenceDoc;
  file: { originalname: string; mimetype: string; buffer: Buffer };
}): Promise<AttachmentDoc> {
  if (p.evidence.archivedAt) throw conflict("This evidence is archived. Restore it before attaching files.");
  const checked = await checkUpload(p.file);
  const count = await Attachment.countDocuments({ evidenceId: p.evidence._id, archivedAt: null });
  if (count >= MAX_PER_EVIDENCE)
    throw conflict(`A piece of evidence can hold up to ${MAX_PER_EVIDENCE} files. Remove one first.`);
  const { fileId, sha256 } = await storeFile(p.file.buffer, {
    filename: checked.filename,
    mimeType: checked.mimeType,
    tenantId: p.scope.tenantId,
  });
  try {
    const doc = await Attachment.create({ ...p.scope, evidenceId: p.evidence._id, fileId, sha256, ...checked });
    return doc.toObject() as AttachmentDoc;
  } catch (err) {
    await deleteFile(fileId);
    throw err;
  }
}

/**
 * Removes an attachment from the working copy. If a submitted version holds it, the file is
 * archived (kept for the panel), otherwise moved to the bin (restorable for 30 days, then purged
 * with its bytes by the bin sweep). 404 if it is already removed.
 */
export async function removeAttachment(p: { attachment: AttachmentDoc }): Promise<"archived" | "deleted"> {
  // Already removed from the working copy (archived for the panel): there is nothing to remove.
  if (p.attachment.archivedAt) throw notFound("That file");
  const holders = await versionsHolding({ attachmentId: p.attachment._id.toString() });
  if (holders.length > 0) {
    // Of concurrent removals the one that archives it wins; an archived file is never restored.
    const { modifiedCount } = await Attachment.updateOne(
      { _id: p.attachment._id, archivedAt: null },
      { $set: { archivedAt: new Date() } },
    );
    if (modifiedCount === 0) throw notFound("That file");
    return "archived";
  }
  // Of concurrent deletes one moves the file to the bin (one conditional write); the rest are told it is gone.
  const { modifiedCount } = await Attachment.updateOne(
    { _id: p.attachment._id, archivedAt: null, deletedAt: null },
    { $set: { deletedAt: new Date() } },
  );
  if (modifiedCount === 0) throw notFound("That file");
  return "deleted";
}

/** Takes an attachment out of the bin onto its evidence again; 404 if it is not in the bin (or its evidence is not the mentor's). */
export async function restoreAttachment(p: { evidence: EvidenceDoc; attachmentId: string }): Promise<AttachmentDoc> {
  if (p.evidence.archivedAt) throw conflict("This evidence is archived. Restore it before restoring its files.");
  const { modifiedCount } = await Attachment.updateOne(
    { _id: p.attachmentId, evidenceId: p.evidence._id, deletedAt: { $ne: null } },
    { $set: { deletedAt: null } },
  );
  if (modifiedCount === 0) throw notFound("That file in the bin");
  const restored = await Attachment.findOne({ _id: p.attachmentId }).lean<AttachmentDoc>();
  if (!restored) throw notFound("That file");
  return restored;
}

/** Purges attachments in the bin since before `cutoff`, bytes included; a file a version holds is never purged. */
export async function purgeBinnedAttachments(cutoff: Date): Promise<number> {
  const due = await Attachment.find({ deletedAt: { $ne: null, $lte: cutoff } }, { _id: 1, fileId: 1 }).lean();
  let purged = 0;
  for (const a of due) {
    if ((await versionsHolding({ attachmentId: a._id.toString() })).length > 0) continue;
    const { deletedCount } = await Attachment.deleteOne({ _id: a._id, deletedAt: { $ne: null, $lte: cutoff } });
    if (deletedCount === 0) continue; // restored meanwhile
    purged += 1;
    await deleteFile(a.fileId);
  }
  return purged;
}
