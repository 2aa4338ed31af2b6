/**
 * Paces calls made with one access token, so the tool does not burst at an LMS that limits
 * callers (Canvas: a leaky bucket per token, `X-Rate-Limit-Remaining` on every answer and
 * `403 Rate Limit Exceeded` when empty). Nothing is slowed while a platform says nothing about
 * limits. Once the remaining budget runs low, calls on that token start one `spacingMs` apart;
 * after a throttle, every call on the token waits out a pause that doubles with each throttle in
 * a row and resets on the next success.
 */
export interface PacerOptions {
  /** Below this remaining budget, calls are spaced out (Canvas's bucket holds 700 by default). */
  lowRemaining: number;
  spacingMs: number;
  firstPauseMs: number;
  maxPauseMs: number;
}

interface Lane {
  notBefore: number;
  nextSlot: number;
  spacingMs: number;
  throttles: number;
  usedAt: number;
}

const DEFAULTS: PacerOptions = { lowRemaining: 150, spacingMs: 250, firstPauseMs: 500, maxPauseMs: 30_000 };
const IDLE_LANE_MS = 10 * 60_000;

export class RequestPacer {
  private readonly lanes = new Map<string, Lane>();
  private readonly opts: PacerOptions;

  constructor(
    options: Partial<PacerOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  /**
   * Resolves with 0 when a call on `key` may start, after waiting its turn; or, without waiting,
   * with how long the caller would have to wait when that is more than `maxWaitMs` (a caller
   * holding a lease must not sleep through it).
   */
  async turn(key: string, maxWaitMs = Infinity): Promise<number> {
    for (;;) {
      const lane = this.lane(key);
      const now = this.now();
      const start = Math.max(now, lane.notBefore, lane.nextSlot);
      if (start <= now) {
        lane.nextSlot = now + lane.spacingMs;
        return 0;
      }
      if (start - now > maxWaitMs) return start - now;
      // Look again after waiting: a throttle meanwhile may have pushed the lane further out.
      await new Promise((resolve) => setTimeout(resolve, start - now));
    }
  }

  /** A call on `key` succeeded; `remaining` is the platform's budget if it said. */
  succeeded(key: string, remaining: number | null): void {
    const lane = this.lane(key);
    lane.throttles = 0;
    lane.spacingMs = remaining !== null && remaining < this.opts.lowRemaining ? this.opts.spacingMs : 0;
  }

  /** A call on `key` was throttled: every call on it waits. Returns the pause chosen. */
  throttled(key: string, retryAfterMs: number | null): number {
    const lane = this.lane(key);
    lane.throttles++;
    lane.spacingMs = this.opts.spacingMs;
    const pause = Math.min(
      this.opts.maxPauseMs,
      Math.max(retryAfterMs ?? 0, this.opts.firstPauseMs * 2 ** (lane.throttles - 1)),
    );
    lane.notBefore = Math.max(lane.notBefore, this.now() + pause);
    return pause;
  }

  private lane(key: string): Lane {
    const now = this.now();
    let lane = this.lanes.get(key);
    if (!lane) {
      if (this.lanes.size > 1_000)
        for (const [k, l] of this.lanes) if (now - l.usedAt > IDLE_LANE_MS) this.lanes.delete(k);
      lane = { notBefore: 0, nextSlot: 0, spacingMs: 0, throttles: 0, usedAt: now };
      this.lanes.set(key, lane);
    }
    lane.usedAt = now;
    return lane;
  }
}
