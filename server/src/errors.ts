import type { ErrorRequestHandler } from "express";

/** Stable error codes the API returns; the client switches on these, never on messages. */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "platform_unreachable"
  | "platform_rejected"
  | "launch_refused"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  platform_unreachable: 502,
  platform_rejected: 502,
  launch_refused: 400,
  internal: 500,
};

/** An error meant for the person using the tool: its message is safe to show. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly status: number = statusByCode[code],
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, details?: unknown) => new AppError("invalid_input", message, details);
export const unauthenticated = (message = "Please launch Mentor Pathways from your course in the VLE.") =>
  new AppError("unauthenticated", message);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);
export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
export const payloadTooLarge = (message: string) => new AppError("payload_too_large", message);
export const unsupportedMediaType = (message: string) => new AppError("unsupported_media_type", message);
export const platformUnreachable = (message: string) => new AppError("platform_unreachable", message);
export const platformRejected = (message: string, details?: unknown) => new AppError("platform_rejected", message, details);
export const launchRefused = (message: string, details?: unknown, status = 400) =>
  new AppError("launch_refused", message, details, status);

/** True for a MongoDB duplicate-key error (E11000), however the driver or engine wrapped it. */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: number; message?: string } | null;
  return !!e && (e.code === 11000 || /E11000|duplicate key/i.test(e.message ?? ""));
}

/** The one express error handler: AppErrors become `{ error: { code, message, details } }`. */
export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof AppError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
    return;
  }
  // body-parser and multer errors carry a status and a type; they are the client's fault.
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  if (status === 413) {
    res.status(413).json({ error: { code: "payload_too_large", message: "The request is too large." } });
    return;
  }
  if (status && status >= 400 && status < 500) {
    const message = (err as { type?: string }).type === "entity.parse.failed" ? "The request body is not valid JSON." : "The request could not be read.";
    res.status(status).json({ error: { code: "invalid_input", message } });
    return;
  }
  console.error(`[error] ${req.method} ${req.path}:`, err);
  res.status(500).json({ error: { code: "internal", message: "Something went wrong on our side. Nothing you saved was lost; please try again." } });
};
