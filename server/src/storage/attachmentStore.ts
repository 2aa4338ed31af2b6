import crypto from "node:crypto";
import { Readable } from "node:stream";
import mongoose from "mongoose";

// One bucket for every attachment; documents in models/attachment.ts point at its files.
const BUCKET = "attachments";

function bucket() {
  return new mongoose.mongo.GridFSBucket(mongoose.connection.db, { bucketName: BUCKET });
}

/** Writes bytes to GridFS; returns the new file's id and the content hash. */
export async function storeFile(
  bytes: Buffer,
  meta: { filename: string; mimeType: string; tenantId: string },
): Promise<{ fileId: mongoose.Types.ObjectId; sha256: string }> {
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const upload = bucket().openUploadStream(meta.filename, {
    metadata: { mimeType: meta.mimeType, tenantId: meta.tenantId, sha256 },
  });
  await new Promise<void>((resolve, reject) => {
    Readable.from([bytes])
      .pipe(upload)
      .on("finish", () => resolve())
      .on("error", reject);
  });
  return { fileId: upload.id as mongoose.Types.ObjectId, sha256 };
}

/** A readable stream of a stored file's bytes. */
export function openFile(fileId: mongoose.Types.ObjectId | string) {
  return bucket().openDownloadStream(new mongoose.Types.ObjectId(String(fileId)));
}

/** Reads a whole stored file (for exports). */
export async function readFile(fileId: mongoose.Types.ObjectId | string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openFile(fileId)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Removes a stored file and its chunks; a file already gone is not an error. */
export async function deleteFile(fileId: mongoose.Types.ObjectId | string): Promise<void> {
  try {
    await bucket().delete(new mongoose.Types.ObjectId(String(fileId)));
  } catch (err) {
    if (!/FileNotFound|File not found/i.test(String((err as Error).message))) throw err;
  }
}
