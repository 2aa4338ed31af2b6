/**
 * HTTP to LMS service endpoints (AGS, NRPS, OAuth2), with a timeout on every call and each
 * failure classified once, here, so callers decide on retry versus "tell a person" without
 * reading status codes themselves.
 */

/** How a failed platform call should be treated. */
export type PlatformFailureKind = "retryable" | "unauthorized" | "permanent";

/** A platform call that did not succeed; `message` is the LMS's own words where it gave any. */
export class PlatformCallError extends Error {
  override name = "PlatformCallError";
  constructor(
    readonly kind: PlatformFailureKind,
    message: string,
    readonly status: number | null,
    /** From Retry-After on a 429/503, when the platform sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface PlatformRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  timeoutMs?: number;
}

/** A successful response, read fully (service bodies are small). */
export interface PlatformResponse {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

/** Performs one request; resolves on 2xx, throws PlatformCallError otherwise. */
export async function platformRequest(url: string, req: PlatformRequest = {}): Promise<PlatformResponse> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: req.method ?? "GET",
      headers: req.headers,
      body: req.body,
      redirect: "follow",
      signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    text = await res.text();
  } catch (err) {
    // Timeouts, resets and refused connections: the LMS may be fine a moment later.
    const reason = err instanceof Error && err.name === "TimeoutError" ? "timed out" : `could not be reached (${describeNetworkError(err)})`;
    throw new PlatformCallError("retryable", `The VLE ${reason}`, null);
  }
  if (res.status >= 200 && res.status < 300) {
    return {
      status: res.status,
      headers: res.headers,
      text,
      json<T>() {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new PlatformCallError("permanent", `The VLE answered ${url} with something that is not JSON`, res.status);
        }
      },
    };
  }
  throw new PlatformCallError(classifyStatus(res.status), platformMessage(res.status, text), res.status, retryAfter(res.headers));
}

/** 429 and 5xx are worth retrying; 401 means a fresh token may help; other 4xx will not change. */
export function classifyStatus(status: number): PlatformFailureKind {
  if (status === 429 || status >= 500) return "retryable";
  if (status === 401) return "unauthorized";
  return "permanent";
}

// LMSs explain refusals in different fields; show a person whichever one is there.
function platformMessage(status: number, body: string): string {
  let detail = body.trim().slice(0, 500);
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const pick = [json.error_description, json.message, (json.error as { message?: unknown })?.message, json.reason, json.error, json.errors];
    const found = pick.find((v) => typeof v === "string" && v.length > 0);
    if (typeof found === "string") detail = found;
    else if (Array.isArray(json.errors)) detail = JSON.stringify(json.errors).slice(0, 500);
  } catch {
    // Not JSON: the trimmed body is the message.
  }
  return detail ? `The VLE answered ${status}: ${detail}` : `The VLE answered ${status}`;
}

function retryAfter(headers: Headers): number | null {
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** The rel="next" target of an RFC 8288 Link header, which AGS and NRPS use for paging. */
export function nextLink(headers: Headers): string | null {
  const link = headers.get("link");
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2])) return m[1];
  }
  return null;
}
