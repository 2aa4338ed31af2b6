import { conflict, notFound } from "../errors";
import { ModuleWorkFile, type ModuleWorkFileDoc } from "../models/moduleWorkFile";
import type { MentorScope } from "../programme/moduleWork";
import { deleteFile, storeFile } from "../storage/attachmentStore";
import { checkUpload } from "../storage/fileCheck";
import { editableRecord } from "./editableRecord";

const MAX_PER_MODULE = 10;

/**
 * Attaches a file to a mentor's module work: refused while the module is locked, submitted or
 * passed (the same guard as every module write), then checked by content and stored exactly as
 * an evidence attachment is. If listing fails the stored bytes are removed again.
 */
export async function addModuleWorkFile(
  props: MentorScope & { moduleCode: string; file: { originalname: string; mimetype: string; buffer: Buffer } },
): Promise<ModuleWorkFileDoc> {
  const { moduleCode, file, ...scope } = props;
  const { record } = await editableRecord({ scope, moduleCode });
  const checked = await checkUpload(file);
  const count = await ModuleWorkFile.countDocuments({ recordId: record._id, removedAt: null });
  if (count >= MAX_PER_MODULE) throw conflict(`Module work can hold up to ${MAX_PER_MODULE} files. Remove one first.`);
  const { fileId, sha256 } = await storeFile(file.buffer, {
    filename: checked.filename,
    mimeType: checked.mimeType,
    tenantId: scope.tenantId,
  });
  try {
    const doc = await ModuleWorkFile.create({
      ...scope,
      moduleCode,
      recordId: record._id,
      attempt: record.attempt + 1,
      fileId,
      sha256,
      ...checked,
    });
    return doc.toObject() as ModuleWorkFileDoc;
  } catch (err) {
    await deleteFile(fileId);
    throw err;
  }
}

/**
 * Takes a file off the module work while the mentor may still change it. A file that went in
 * with an earlier submission stays stored (that submission was marked with it); one never
 * submitted is deleted with its bytes.
 */
export async function removeModuleWorkFile(props: MentorScope & { moduleCode: string; fileId: string }): Promise<void> {
  const { moduleCode, fileId, ...scope } = props;
  const { record } = await editableRecord({ scope, moduleCode });
  const file = await ModuleWorkFile.findOne({
    _id: fileId,
    recordId: record._id,
    removedAt: null,
  }).lean<ModuleWorkFileDoc>();
  if (!file) throw notFound("That file");
  if (file.attempt <= record.attempt) {
    await ModuleWorkFile.updateOne({ _id: file._id, removedAt: null }, { $set: { removedAt: new Date() } });
    return;
  }
  const { deletedCount } = await ModuleWorkFile.deleteOne({ _id: file._id, removedAt: null });
  if (deletedCount > 0) await deleteFile(file.fileId);
}
