import { ZErrorResponse } from "@contracts/session";

/**
 * Why an API call failed, in a form the UI can show. `code` is the server's
 * stable error code (see server/src/errors.ts) or one of the client-side codes
 * below; switch on it, never on `message`.
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /**
   * Messages per form field when the server rejected input, keyed by the
   * field's path ("hours", "evidence.0.date"). Understands zod's `flatten()`
   * output and a list of zod issues; anything else gives an empty object.
   */
  fieldErrors(): Record<string, string> {
    const details = this.details as
      | {
          fieldErrors?: Record<string, string[] | undefined>;
          issues?: { path?: (string | number)[]; message?: string }[];
        }
      | undefined;
    const result: Record<string, string> = {};
    if (details?.fieldErrors) {
      for (const [field, messages] of Object.entries(details.fieldErrors)) {
        if (messages?.[0]) result[field] = messages[0];
      }
    }
    for (const issue of details?.issues ?? []) {
      const field = issue.path?.join(".");
      if (field && issue.message && !(field in result)) result[field] = issue.message;
    }
    return result;
  }
}

/** Client-side codes, for failures that never reached a well-formed server answer. */
export const clientErrorCodes = {
  network: "network_error",
  unexpectedResponse: "unexpected_response",
  client: "client_error",
} as const;

/** Builds the ApiError for a non-2xx response, whatever its body looks like. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or gateway error page rather than our JSON: fall through to the generic message.
  }
  const parsed = ZErrorResponse.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(
    response.status,
    clientErrorCodes.unexpectedResponse,
    `The server answered with an error (${response.status}). Please try again in a moment.`,
  );
}

/** A request that never got an answer: offline, DNS, the server down. */
export function networkError(cause: unknown): ApiError {
  return new ApiError(
    0,
    clientErrorCodes.network,
    "We could not reach Mentor Pathways. Check your connection, then try again.",
    cause instanceof Error ? cause.message : undefined,
  );
}

/** Any thrown value as an ApiError, so the UI only ever deals with one error type. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Not from the API at all: a bug in the page. Keep the detail for the console, not the person.
  console.error(error);
  return new ApiError(
    0,
    clientErrorCodes.client,
    "Something went wrong on this page. Please reload it; if it keeps happening, tell your programme team.",
  );
}
