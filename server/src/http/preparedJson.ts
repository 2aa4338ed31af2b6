import crypto from "node:crypto";
import type { Response } from "express";

/**
 * A JSON answer made once and sent many times, as bytes with their ETag. Sending a string made
 * express convert it to bytes and hash it for the ETag on every request: for a remembered
 * 570 KB credit list under load that was most of the tool's garbage and much of its CPU.
 */
export interface PreparedJson {
  body: Buffer;
  etag: string;
}

export function prepareJson(text: string): PreparedJson {
  const body = Buffer.from(text, "utf8");
  // Weak, like express's own: the same JSON text gives the same tag.
  const hash = crypto.createHash("sha1").update(body).digest("base64url");
  return { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
}

/** Sends a prepared answer (304 when the client already holds it: express compares the ETag). */
export function sendPrepared(res: Response, answer: PreparedJson): void {
  res.set("ETag", answer.etag);
  res.type("json").send(answer.body);
}
