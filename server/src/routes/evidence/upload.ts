import type { NextFunction, Request, Response } from "express";
import multer from "multer";
import { attachmentRules } from "../../contracts/evidence";
import { invalidInput, payloadTooLarge } from "../../errors";

// Kept in memory: the content must be checked before anything is written to GridFS.
const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: attachmentRules.maxBytes, files: 1, fields: 5, parts: 6 },
}).single("file");

/** Reads one multipart file field "file"; turns multer's errors into ours. */
export function uploadOne(req: Request, res: Response, next: NextFunction) {
  parser(req, res, (err: unknown) => {
    if (!err) {
      if (!req.file) return next(invalidInput("Please check: body.file: choose a file to attach", { fields: [{ field: "body.file", message: "choose a file to attach" }] }));
      return next();
    }
    if (err instanceof multer.MulterError) {
      if (err.code === "LIMIT_FILE_SIZE") return next(payloadTooLarge(`That file is larger than ${attachmentRules.maxBytes / (1024 * 1024)} MB. Please attach a smaller file.`));
      return next(invalidInput(`Please check: body.${err.field ?? "file"}: send one file in the field "file"`, { fields: [{ field: `body.${err.field ?? "file"}`, message: err.message }] }));
    }
    next(err);
  });
}
