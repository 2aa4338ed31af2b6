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
export async function addAttachment(p: { scope: MentorScope; evidence: EvidenceDoc; file: { originalname: string; mimetype: string; buffer: Buffer } }): Promise<AttachmentDoc> {
  if (p.evidence.archivedAt) throw conflict("This evidence is archived. Restore it before attaching files.");
  const checked = await checkUpload(p.file);
  const count = await Attachment.countDocuments({ evidenceId: p.evidence._id, archivedAt: null });
  if (count >= MAX_PER_EVIDENCE) throw conflict(`A piece of evidence can hold up to ${MAX_PER_EVIDENCE} files. Remove one first.`);
  const { fileId, sha256 } = await storeFile(p.file.buffer, { filename: checked.filename, mimeType: checked.mimeType, tenantId: p.scope.tenantId });
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
 * archived (kept for the panel), otherwise deleted with its bytes. 404 if it is already removed.
 */
export async function removeAttachment(p: { attachment: AttachmentDoc }): Promise<"archived" | "deleted"> {
  // Already removed from the working copy (archived for the panel): there is nothing to remove.
  if (p.attachment.archivedAt) throw notFound("That file");
  const holders = await versionsHolding({ attachmentId: p.attachment._id.toString() });
  if (holders.length > 0) {
    // Of concurrent removals the one that archives it wins; an archived file is never restored.
    const { modifiedCount } = await Attachment.updateOne({ _id: p.attachment._id, archivedAt: null }, { $set: { archivedAt: new Date() } });
    if (modifiedCount === 0) throw notFound("That file");
    return "archived";
  }
  // Of concurrent deletes one removes the file (the count is exact on both engines); the rest are told it is gone.
  const { deletedCount } = await Attachment.deleteOne({ _id: p.attachment._id });
  if (deletedCount === 0) throw notFound("That file");
  await deleteFile(p.attachment.fileId);
  return "deleted";
}
