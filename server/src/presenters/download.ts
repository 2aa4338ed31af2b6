import type { Readable } from "node:stream";
import type { Response } from "express";
import { openFile } from "../storage/attachmentStore";

/**
 * Streams a stored attachment as a download. Always "attachment" with the type found in the
 * content, so a file can never render as a page inside the tool's origin.
 */
export async function sendStoredFile(
  res: Response,
  file: { fileId?: unknown; filename: string; mimeType: string; size: number; stream?: () => Readable },
): Promise<void> {
  res.setHeader("Content-Type", file.mimeType);
  res.setHeader("Content-Length", String(file.size));
  res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Cache-Control", "private, no-store");
  await new Promise<void>((resolve, reject) => {
    // A file shipped with the programme streams from disk; an upload from GridFS.
    (file.stream ? file.stream() : openFile(String(file.fileId)))
      .on("error", reject)
      .pipe(res)
      .on("finish", () => resolve())
      .on("error", reject);
  });
}
