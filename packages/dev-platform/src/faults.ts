import type { Socket } from "node:net";
import type { RequestHandler, Response } from "express";
import type { FaultConfig, FaultEndpoint } from "./types.js";

const ALL_ENDPOINTS: FaultEndpoint[] = ["token", "lineitems", "scores", "results", "memberships"];

/**
 * Makes service endpoints fail on purpose (500, 429, hang-then-drop, connection reset) so the
 * tool's retry and outbox logic is tested rather than assumed. A faulted request is never also
 * processed: the guard answers instead of calling the route.
 */
export class FaultInjector {
  private config: FaultConfig | undefined;
  private requests = 0;
  private injected = 0;
  private readonly hanging = new Map<NodeJS.Timeout, Socket>();

  /** `throttle` answers a "throttle" fault the way the imitated LMS throttles (Canvas: 403). */
  constructor(private readonly throttle: (res: Response) => void = sendTooManyRequests) {}

  /** Replaces the configuration and restarts the counters. */
  set(config: FaultConfig): void {
    if (!(config.rate >= 0 && config.rate <= 1)) throw new Error("Fault rate must be between 0 and 1");
    if (config.kinds.length === 0) throw new Error("Fault kinds must not be empty");
    this.config = { ...config };
    this.requests = 0;
    this.injected = 0;
  }

  /** Stops injecting; the counters stay readable. */
  clear(): void {
    this.config = undefined;
  }

  stats(): { requests: number; injected: number } {
    return { requests: this.requests, injected: this.injected };
  }

  guard(endpoint: FaultEndpoint): RequestHandler {
    return (req, res, next) => {
      this.requests++;
      const config = this.config;
      if (!config || !(config.endpoints ?? ALL_ENDPOINTS).includes(endpoint)) return next();
      const random = config.random ?? Math.random;
      if (random() >= config.rate) return next();
      this.injected++;
      // Only draw again when there is a choice, so a scripted `random` stays easy to follow.
      const kind =
        config.kinds.length === 1
          ? config.kinds[0]
          : config.kinds[Math.min(config.kinds.length - 1, Math.floor(random() * config.kinds.length))];
      switch (kind) {
        case 500:
          res.status(500).json({ error: "server_error", error_description: "Injected fault: internal server error" });
          return;
        case 429:
          sendTooManyRequests(res);
          return;
        case "throttle":
          this.throttle(res);
          return;
        case "reset":
          req.socket.destroy();
          return;
        case "timeout": {
          const timer = setTimeout(() => {
            this.hanging.delete(timer);
            req.socket.destroy();
          }, config.timeoutMs ?? 30_000);
          this.hanging.set(timer, req.socket);
          // The client may give up first; then there is nothing left to hang.
          req.socket.once("close", () => {
            clearTimeout(timer);
            this.hanging.delete(timer);
          });
          return;
        }
      }
    };
  }

  /** Ends any hanging requests, so a server can close promptly. */
  close(): void {
    for (const [timer, socket] of this.hanging) {
      clearTimeout(timer);
      socket.destroy();
    }
    this.hanging.clear();
    this.config = undefined;
  }
}

function sendTooManyRequests(res: Response): void {
  res
    .status(429)
    .set("Retry-After", "1")
    .json({ error: "rate_limited", error_description: "Injected fault: too many requests" });
}
