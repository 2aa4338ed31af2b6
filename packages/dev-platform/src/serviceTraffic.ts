import type { RequestHandler, Response } from "express";
import type { QuirkMode, RateLimitConfig, ReceivedRequest } from "./types.js";

// Browser-facing pages are not the tool's calls; everything else under the issuer is.
const BROWSER_PATHS = new Set(["/", "/auth", "/launch", "/deep-link-return", "/start-registration"]);
const MAX_LOGGED = 5_000;

/**
 * Records every call the tool makes to the platform's services (token, keyset, OpenID
 * configuration, registration, AGS, NRPS) with the headers a test asks about, so tests can check
 * what the tool sends (its User-Agent) and when (pacing after a throttle).
 */
export class RequestLog {
  private readonly entries: ReceivedRequest[] = [];

  middleware(): RequestHandler {
    return (req, res, next) => {
      if (BROWSER_PATHS.has(req.path)) return next();
      const entry: ReceivedRequest = {
        at: Date.now(),
        method: req.method,
        path: req.path,
        userAgent: req.get("user-agent") ?? null,
        token: /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1] ?? null,
        status: 0,
      };
      if (this.entries.length >= MAX_LOGGED) this.entries.shift();
      this.entries.push(entry);
      res.once("finish", () => (entry.status = res.statusCode));
      next();
    };
  }

  list(): ReceivedRequest[] {
    return this.entries.map((e) => ({ ...e }));
  }
}

/**
 * Canvas's throttling, imitated: a leaky bucket per access token. Every AGS and NRPS answer
 * carries `X-Request-Cost` and `X-Rate-Limit-Remaining`; a request that finds the bucket full
 * is refused with `403 Forbidden (Rate Limit Exceeded)` (Canvas API docs, "Throttling").
 * Other modes neither send the headers nor throttle here (faults can still inject "throttle").
 */
export class CanvasRateLimit {
  private config: RateLimitConfig = { capacity: 700, costPerRequest: 1, refillPerSecond: 10 };
  private readonly buckets = new Map<string, { used: number; at: number }>();
  private refused = 0;

  constructor(private readonly quirks: QuirkMode) {}

  set(config: RateLimitConfig): void {
    this.config = { ...config };
    this.buckets.clear();
  }

  /** How many requests were refused as throttled (by the bucket or an injected fault). */
  throttled(): number {
    return this.refused;
  }

  countThrottle(): void {
    this.refused++;
  }

  guard(): RequestHandler {
    return (req, res, next) => {
      if (this.quirks !== "canvas") return next();
      const token = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1] ?? "anonymous";
      const now = Date.now();
      const bucket = this.buckets.get(token) ?? { used: 0, at: now };
      bucket.used = Math.max(0, bucket.used - ((now - bucket.at) / 1000) * this.config.refillPerSecond);
      bucket.at = now;
      this.buckets.set(token, bucket);
      if (bucket.used + this.config.costPerRequest > this.config.capacity) {
        this.refused++;
        sendCanvasThrottle(res, this.config.capacity - bucket.used);
        return;
      }
      bucket.used += this.config.costPerRequest;
      res.set("X-Request-Cost", this.config.costPerRequest.toFixed(4));
      res.set("X-Rate-Limit-Remaining", Math.max(0, this.config.capacity - bucket.used).toFixed(4));
      next();
    };
  }
}

/** Canvas's answer to a throttled call: a 403 with a plain-text body, not a 429. */
export function sendCanvasThrottle(res: Response, remaining = 0): void {
  res
    .status(403)
    .set("X-Rate-Limit-Remaining", Math.max(0, remaining).toFixed(4))
    .type("text/plain")
    .send("403 Forbidden (Rate Limit Exceeded)\n");
}
