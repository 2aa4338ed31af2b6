import type { z } from "zod";
import { ApiError, apiErrorFromResponse, clientErrorCodes, networkError } from "./ApiError";
import { endSession, getSessionToken } from "./session";

export { ApiError } from "./ApiError";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Query values; null and undefined are left out, arrays repeat the key. */
export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export interface ApiRequestOptions<S extends z.ZodTypeAny> {
  /** The shared response schema from `@contracts/...`; the result is parsed with it. */
  schema: S;
  /** Sent as JSON, or as multipart if it is a FormData (file uploads). */
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

/** `path` plus encoded query string. */
export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}${path.includes("?") ? "&" : "?"}${search}` : path;
}

/** Sends the request with the launch token; a 401 ends the session for the whole app. */
async function send(
  method: HttpMethod,
  url: string,
  init: { body?: unknown; signal?: AbortSignal; accept: string },
): Promise<Response> {
  const headers: Record<string, string> = { Accept: init.accept };
  const token = getSessionToken();
  if (token) headers.Authorization = `Bearer ${token}`;

  let body: BodyInit | undefined;
  if (init.body instanceof FormData) {
    body = init.body; // the browser sets the multipart boundary itself
  } else if (init.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.body);
  }

  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, signal: init.signal, credentials: "omit" });
  } catch (error) {
    // Let callers tell a cancelled request (component went away) from a failed one.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }

  if (response.ok) return response;
  const apiError = await apiErrorFromResponse(response);
  if (response.status === 401) endSession();
  throw apiError;
}

/**
 * The one way the client calls the API. Resolves to the response parsed by
 * `schema`; rejects with an ApiError (or an AbortError if `signal` fired).
 *
 * @example apiRequest("GET", "/api/session", { schema: ZSessionResponse }) — scenes use call(sessionEndpoints.read) (./call.ts) instead
 */
export async function apiRequest<S extends z.ZodTypeAny>(
  method: HttpMethod,
  path: string,
  options: ApiRequestOptions<S>,
): Promise<z.output<S>> {
  const response = await send(method, buildUrl(path, options.query), {
    body: options.body,
    signal: options.signal,
    accept: "application/json",
  });

  // 204 and empty bodies parse as undefined, so `z.void()` / `.optional()` schemas work.
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(
      response.status,
      clientErrorCodes.unexpectedResponse,
      "The server sent a reply we could not read. Please try again.",
    );
  }

  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    // A contract mismatch is our bug, not the user's: log the detail, show a plain message.
    console.error(`[api] ${method} ${path}: response did not match its schema`, parsed.error.issues);
    throw new ApiError(
      response.status,
      clientErrorCodes.unexpectedResponse,
      "The server sent a reply we did not expect. Please reload; if it keeps happening, tell your programme team.",
      parsed.error.issues,
    );
  }
  return parsed.data;
}

/** A file's bytes fetched with the launch token (for previews), typed as `type` when given. */
export async function apiBlob(path: string, options: { signal?: AbortSignal; type?: string } = {}): Promise<Blob> {
  const blob = await (await send("GET", buildUrl(path), { signal: options.signal, accept: "*/*" })).blob();
  return options.type ? new Blob([blob], { type: options.type }) : blob;
}

/**
 * Downloads a file (certificate, export) with the launch token. A plain link
 * cannot carry the bearer token, so we fetch the bytes and save them locally.
 * The file name comes from Content-Disposition, else `fallbackName`.
 */
export async function apiDownload(
  path: string,
  options: { query?: QueryParams; fallbackName: string; signal?: AbortSignal },
): Promise<void> {
  const response = await send("GET", buildUrl(path, options.query), { signal: options.signal, accept: "*/*" });
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2]) : options.fallbackName;

  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
