import type { ErrorRequestHandler } from "express";
import { labelProblems, summaryOf, type FieldProblem, type RequestInputs } from "./http/fieldLabels";

/** Stable error codes the API returns; the client switches on these, never on messages. */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
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
  rate_limited: 429,
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

/** A field the person must put right: where it is (`body.score`), what to do, and, if the schema cannot say, what the form calls it. */
export interface FieldIssue {
  field: string;
  message: string;
  label?: string;
}

/**
 * A 400 for fields a command's own checks found wrong, shaped as validate()'s: `details.fields`
 * lists each field, and the error middleware labels them as the form does (from the endpoint's
 * schemas) and makes the message from them ("Please check this: Score must be at most 100."),
 * followed by `advice` if given. `summary` replaces that message where a caller's sentence must
 * stay as it is.
 */
export class InvalidFields extends AppError {
  override name = "InvalidFields";
  constructor(
    readonly fields: FieldIssue[],
    readonly opts: { summary?: string; advice?: string } = {},
  ) {
    // Labelled without the request's schemas until the error middleware labels them with them.
    super("invalid_input", opts.summary ?? InvalidFields.messageOf(labelProblems(undefined, fields), opts.advice), {
      fields,
    });
  }

  /** The message for these fields once labelled: the list, then the advice. */
  static messageOf(labelled: FieldProblem[], advice?: string): string {
    return advice ? `${summaryOf(labelled)} ${advice}` : summaryOf(labelled);
  }
}

/** The fields a command's checks refused, as one 400 (see InvalidFields). */
export const invalidFields = (fields: FieldIssue[], opts: { summary?: string; advice?: string } = {}) =>
  new InvalidFields(fields, opts);
/** One field a command's checks refused: `invalidField("body.score", "must be at most 100")`. */
export const invalidField = (
  field: string,
  message: string,
  opts: { label?: string; summary?: string; advice?: string } = {},
) =>
  new InvalidFields([{ field, message, ...(opts.label ? { label: opts.label } : {}) }], {
    summary: opts.summary,
    advice: opts.advice,
  });
export const unauthenticated = (message = "Please launch Mentor Pathways from your course in the VLE.") =>
  new AppError("unauthenticated", message);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);
export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
export const payloadTooLarge = (message: string) => new AppError("payload_too_large", message);
export const unsupportedMediaType = (message: string) => new AppError("unsupported_media_type", message);
/** 429; the middleware sends `Retry-After` with the seconds given. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError("rate_limited", message, { retryAfterSeconds });
export const platformUnreachable = (message: string) => new AppError("platform_unreachable", message);
export const platformRejected = (message: string, details?: unknown) =>
  new AppError("platform_rejected", message, details);
export const launchRefused = (message: string, details?: unknown, status = 400) =>
  new AppError("launch_refused", message, details, status);

/**
 * A broken assumption of ours (a row that must exist is gone, our own signer made something
 * malformed): nothing the person did or can put right. The error middleware logs its detail and
 * answers 500 with the generic sentence; the detail never reaches the person.
 */
export class InternalError extends Error {
  override name = "InternalError";
}
/** Throw where only a bug or a broken store can bring us: `throw internalError("line item … vanished")`. */
export const internalError = (detail: string) => new InternalError(detail);

/** True for a MongoDB duplicate-key error (E11000), however the driver or engine wrapped it. */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: number; message?: string } | null;
  return !!e && (e.code === 11000 || /E11000|duplicate key/i.test(e.message ?? ""));
}

/** A byte count as people read it: "1 MB", "64 KB". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

// What body-parser (JSON, URL-encoded) says, by its error type, in words for a person.
const parserSentences: Record<string, (err: { limit?: number; charset?: string; encoding?: string }) => AppError> = {
  "entity.too.large": (e) =>
    payloadTooLarge(
      e.limit
        ? `The request is larger than the ${describeBytes(e.limit)} this address accepts.`
        : "The request is too large.",
    ),
  "parameters.too.many": () => payloadTooLarge("The form has more fields than this address accepts."),
  "request.aborted": () => invalidInput("The request was cut off before all of it arrived. Please try again."),
  "request.size.invalid": () => invalidInput("The request body was not the length it declared. Please try again."),
  "charset.unsupported": (e) =>
    unsupportedMediaType(
      `The request is in a character set we do not read (${e.charset ?? "unknown"}). Please send UTF-8.`,
    ),
  "encoding.unsupported": (e) =>
    unsupportedMediaType(
      `The request is compressed in a way we do not read (${e.encoding ?? "unknown"}). Please send it uncompressed or gzip-compressed.`,
    ),
};

/**
 * The request-reading errors of express and its parsers (body-parser, a bad % escape in the
 * address) as AppErrors a person understands; null for anything else. Multipart errors are
 * turned into ours where the upload is read (routes/evidence/upload.ts).
 */
export function fromRequestParsingError(err: unknown, contentType = ""): AppError | null {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as {
    status?: number;
    statusCode?: number;
    type?: string;
    limit?: number;
    charset?: string;
    encoding?: string;
  };
  const status = e.status ?? e.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  if (err instanceof URIError)
    return invalidInput("The address contains a malformed %-escape, so it could not be read. Please check the link.");
  const sentence = e.type ? parserSentences[e.type] : undefined;
  if (sentence) return sentence(e);
  if (e.type === "entity.parse.failed") {
    return invalidInput(
      /json/i.test(contentType) ? "The request body is not valid JSON." : "The form in the request could not be read.",
    );
  }
  if (status === 413) return payloadTooLarge("The request is too large.");
  return invalidInput("The request could not be read. Please try again.");
}

/**
 * An invalid_input error whose details list fields, with each field labelled as the form names
 * it; a message that spells out field paths ("body.score: is required") is rewritten from them,
 * so commands' own checks read like validate()'s.
 */
function labelled(err: AppError, inputs: RequestInputs | undefined): AppError {
  const details = err.details as { fields?: Array<{ field: string; message: string; label?: string }> } | undefined;
  if (err.code !== "invalid_input" || !Array.isArray(details?.fields) || details.fields.length === 0) return err;
  const fields = labelProblems(inputs, details.fields);
  // InvalidFields makes its message from its fields, unless given one; an older hand-made message that spells out field paths is rewritten too.
  const message =
    err instanceof InvalidFields
      ? (err.opts.summary ?? InvalidFields.messageOf(fields, err.opts.advice))
      : /\b(body|query|params)\.\w/.test(err.message)
        ? summaryOf(fields)
        : err.message;
  return new AppError(err.code, message, { ...details, fields }, err.status);
}

/** The one express error handler: AppErrors become `{ error: { code, message, details } }`. */
export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  // Parser errors carry a status and a type: the client's fault, told as a sentence, never a 500.
  const parsed = fromRequestParsingError(err, req.headers["content-type"]);
  const known = parsed ? labelled(parsed, res.locals.requestInputs as RequestInputs | undefined) : null;
  if (known) {
    if (known.code === "rate_limited")
      res.setHeader("Retry-After", String((known.details as { retryAfterSeconds: number }).retryAfterSeconds));
    res.status(known.status).json({ error: { code: known.code, message: known.message, details: known.details } });
    return;
  }
  // An InternalError is a known invariant that broke; anything else is an error we did not expect. Both are ours: logged, never shown.
  console.error(`[${err instanceof InternalError ? "invariant" : "error"}] ${req.method} ${req.path}:`, err);
  res.status(500).json({
    error: {
      code: "internal",
      message: "Something went wrong on our side. Nothing you saved was lost; please try again.",
    },
  });
};
