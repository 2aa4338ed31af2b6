import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../projectRoot";
import { RequestPacer } from "./pacer";

/**
 * The one way the tool makes HTTP calls to a platform: OAuth2 tokens, AGS, NRPS, the platform's
 * keyset and dynamic registration. Every call carries the tool's User-Agent and a timeout, and
 * each failure is classified once, here, so callers decide on retry versus "tell a person"
 * without reading status codes themselves.
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
    /** True when the platform is limiting how fast we call it (429, Canvas's 403 "Rate Limit Exceeded"). */
    readonly isThrottled = false,
  ) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string })
  .version;
let userAgent = `MentorPathways/${version}`;

/**
 * Names the deployment in the User-Agent every platform call sends: `MentorPathways/<version>
 * (+<public URL>)`. Canvas refuses API calls without a User-Agent (from January 2026), and a
 * descriptive one lets an LMS administrator see whose calls these are. Called once at start-up.
 */
export function configurePlatformHttp(options: { publicUrl: string }): void {
  userAgent = `MentorPathways/${version} (+${options.publicUrl})`;
}

/** The User-Agent sent to platforms. */
export function platformUserAgent(): string {
  return userAgent;
}

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

/** Calls made with one access token are paced together (see pacer.ts). */
const pacer = new RequestPacer();
// A throttled call is tried again in place after the pacer's pause, while the pause is short;
// after that the caller's own retry (the outbox's backoff, a person's "try again") takes over.
const IN_PLACE_RETRIES = 2;
const LONGEST_IN_PLACE_PAUSE_MS = 2_000;

/**
 * Performs a request; resolves on 2xx, throws PlatformCallError otherwise. Calls with a bearer
 * token are paced per token, and a throttled one is tried again after a pause.
 */
export async function platformRequest(url: string, req: PlatformRequest = {}): Promise<PlatformResponse> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers?.Authorization ?? req.headers?.authorization ?? "")?.[1];
  if (!token) return requestOnce(url, req);
  for (let retries = 0; ; retries++) {
    const wait = await pacer.turn(token, LONGEST_IN_PLACE_PAUSE_MS);
    if (wait > 0) {
      throw new PlatformCallError(
        "retryable",
        "The VLE asked Mentor Pathways to slow down; the call will be made again shortly",
        null,
        wait,
        true,
      );
    }
    try {
      const res = await requestOnce(url, req);
      pacer.succeeded(token, rateLimitRemaining(res.headers));
      return res;
    } catch (err) {
      if (!(err instanceof PlatformCallError) || !err.isThrottled) throw err;
      const pause = pacer.throttled(token, err.retryAfterMs);
      if (retries >= IN_PLACE_RETRIES || pause > LONGEST_IN_PLACE_PAUSE_MS) {
        throw new PlatformCallError(err.kind, err.message, err.status, Math.max(pause, err.retryAfterMs ?? 0), true);
      }
    }
  }
}

async function requestOnce(url: string, req: PlatformRequest): Promise<PlatformResponse> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: req.method ?? "GET",
      headers: { ...req.headers, "User-Agent": userAgent },
      body: req.body,
      redirect: "follow",
      signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    text = await res.text();
  } catch (err) {
    // Timeouts, resets and refused connections: the LMS may be fine a moment later.
    const reason =
      err instanceof Error && err.name === "TimeoutError"
        ? "timed out"
        : `could not be reached (${describeNetworkError(err)})`;
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
          throw new PlatformCallError(
            "permanent",
            `The VLE answered ${url} with something that is not JSON`,
            res.status,
          );
        }
      },
    };
  }
  if (isThrottling(res.status, text, res.headers)) {
    throw new PlatformCallError(
      "retryable",
      `${platformMessage(res, text)} (the VLE is limiting how fast Mentor Pathways may call it)`,
      res.status,
      retryAfter(res.headers),
      true,
    );
  }
  throw new PlatformCallError(
    classifyStatus(res.status),
    platformMessage(res, text),
    res.status,
    retryAfter(res.headers),
  );
}

/** 429 and 5xx are worth retrying; 401 means a fresh token may help; other 4xx will not change. */
export function classifyStatus(status: number): PlatformFailureKind {
  if (status === 429 || status >= 500) return "retryable";
  if (status === 401) return "unauthorized";
  return "permanent";
}

/**
 * Whether a refusal is the platform asking us to slow down. Canvas throttles with
 * `403 Forbidden (Rate Limit Exceeded)` and `X-Rate-Limit-Remaining` at or below 0, not 429; any
 * other 403 (a missing scope, a refused User-Agent) stays permanent.
 */
export function isThrottling(status: number, body: string, headers: Headers): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const remaining = rateLimitRemaining(headers);
  return /rate limit exceeded/i.test(body) || (remaining !== null && remaining <= 0);
}

/** The platform's remaining request budget, when it says (Canvas: X-Rate-Limit-Remaining). */
export function rateLimitRemaining(headers: Headers): number | null {
  const value = headers.get("x-rate-limit-remaining");
  if (value === null || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

// LMSs explain refusals in different fields; show a person whichever one is there. Moodle puts
// its reason in the status line and answers with an empty JSON body.
function platformMessage(res: Response, body: string): string {
  const status = res.status;
  let detail = body.trim().slice(0, 500);
  if (detail === "" || detail === "[]" || detail === "{}")
    detail = res.statusText && res.statusText !== defaultStatusText(status) ? res.statusText : "";
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const pick = [
      json.error_description,
      json.message,
      (json.error as { message?: unknown })?.message,
      json.reason,
      json.error,
      json.errors,
    ];
    const found = pick.find((v) => typeof v === "string" && v.length > 0);
    if (typeof found === "string") detail = found;
    else if (Array.isArray(json.errors)) detail = JSON.stringify(json.errors).slice(0, 500);
  } catch {
    // Not JSON: the trimmed body is the message.
  }
  return detail ? `The VLE answered ${status}: ${detail}` : `The VLE answered ${status}`;
}

function defaultStatusText(status: number): string {
  return (
    (
      {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        409: "Conflict",
        429: "Too Many Requests",
        500: "Internal Server Error",
      } as Record<number, string>
    )[status] ?? ""
  );
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
