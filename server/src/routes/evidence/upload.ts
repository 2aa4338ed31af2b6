import type { NextFunction, Request, Response } from "express";
import multer from "multer";
import { attachmentRules } from "../../contracts/evidence";
import { describeBytes, invalidField, payloadTooLarge, unsupportedMediaType } from "../../errors";

// Kept in memory: the content must be checked before anything is written to GridFS.
const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: attachmentRules.maxBytes, files: 1, fields: 5, parts: 6 },
}).single("file");

// A multipart body wraps the file in boundaries and part headers: a little room over the file limit.
const MULTIPART_ROOM_BYTES = 64 * 1024;
const tooLarge = () =>
  payloadTooLarge(`That file is larger than ${describeBytes(attachmentRules.maxBytes)}. Please attach a smaller file.`);
const unreadableForm = () =>
  invalidField("body.file", "the multipart form could not be read", {
    summary:
      "The upload could not be read: the form was incomplete or badly formed. Please choose the file again and retry.",
  });

/**
 * Refuses an upload before a byte of its body is read: a declared length already over the limit
 * (413), or a body that is not a multipart form (415). The connection is closed after the answer
 * rather than reading an unwanted body to its end.
 */
export function refuseUnreadableUpload(req: Request, res: Response, next: NextFunction) {
  const declared = Number(req.headers["content-length"]);
  const refusal =
    Number.isFinite(declared) && declared > attachmentRules.maxBytes + MULTIPART_ROOM_BYTES
      ? tooLarge()
      : !req.is("multipart/form-data")
        ? unsupportedMediaType('Send the file as a multipart form (multipart/form-data) in the field "file".')
        : null;
  if (!refusal) return next();
  res.setHeader("Connection", "close");
  next(refusal);
}

// Control characters (a line break, a NUL) have no place in a file name and would travel into headers.
// eslint-disable-next-line no-control-regex
const hasControlCharacters = (name: string) => /[\u0000-\u001f\u007f]/.test(name);

const badFileName = () =>
  invalidField("body.file", "the file name contains control characters", {
    summary:
      "The file's name contains a line break or another control character. Please rename the file and attach it again.",
  });

/** Reads one multipart file field "file"; every parser error becomes ours (4xx), never a 500. */
export function uploadOne(req: Request, res: Response, next: NextFunction) {
  parser(req, res, (err: unknown) => {
    if (!err) {
      // A line break in a file name splits the part's header: the parser then sees a text field "file".
      if (!req.file && (req.body as Record<string, unknown> | undefined)?.file !== undefined)
        return next(badFileName());
      if (!req.file)
        return next(
          invalidField("body.file", "choose a file to attach", { summary: "Please choose a file to attach." }),
        );
      if (hasControlCharacters(req.file.originalname)) return next(badFileName());
      return next();
    }
    if (err instanceof multer.MulterError) {
      if (err.code === "LIMIT_FILE_SIZE") return next(tooLarge());
      return next(invalidField(`body.${err.field ?? "file"}`, err.message));
    }
    // Anything else the multipart parser (busboy) reports is a form it could not read: an
    // unterminated body, no boundary, a malformed part header.
    next(unreadableForm());
  });
}

/** Reads the upload (after its endpoint's policy allowed it): the one file, checked as uploadOne checks it. */
export function readUpload(req: Request, res: Response): Promise<Express.Multer.File> {
  return new Promise((resolve, reject) =>
    uploadOne(req, res, (err?: unknown) => (err ? reject(err) : resolve(req.file!))),
  );
}
