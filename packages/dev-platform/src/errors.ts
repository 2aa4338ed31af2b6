import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import { errorPage, sendPage } from "./html.js";

/**
 * How an error is shown: browser-facing endpoints (auth, launch, deep-link return) get a readable
 * HTML page; services get the OAuth2-style `{ error, error_description }` JSON tools already parse.
 */
export type ErrorFormat = "html" | "json";

/** An error the platform answers with on purpose, as a real LMS would. */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly format: ErrorFormat = "json",
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, format: ErrorFormat = "json") =>
  new PlatformError(400, code, message, format);
export const unauthorized = (message: string) =>
  new PlatformError(401, "invalid_token", message, "json", { "WWW-Authenticate": 'Bearer error="invalid_token"' });
export const forbidden = (message: string) =>
  new PlatformError(403, "insufficient_scope", message, "json", {
    "WWW-Authenticate": 'Bearer error="insufficient_scope"',
  });
export const notFound = (message: string) => new PlatformError(404, "not_found", message);

/** Express 4 does not catch rejected promises; this forwards them to the error middleware. */
export function asyncRoute(
  handler: (req: Request, res: Response, next: NextFunction) => Promise<unknown>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

/** Turns PlatformErrors (and anything unexpected) into responses in the right format. */
export const platformErrorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const error =
    err instanceof PlatformError
      ? err
      : isBodyParserError(err)
        ? badRequest("invalid_request", `Could not read the request body: ${err.message}`)
        : new PlatformError(500, "server_error", err instanceof Error ? err.message : String(err));
  res.set(error.headers);
  if (error.format === "html") {
    sendPage(res, errorPage(error.status, error.code, error.message), error.status);
  } else {
    res.status(error.status).json({ error: error.code, error_description: error.message });
  }
};

function isBodyParserError(err: unknown): err is Error & { type: string } {
  return err instanceof Error && typeof (err as { type?: unknown }).type === "string" && "status" in err;
}
