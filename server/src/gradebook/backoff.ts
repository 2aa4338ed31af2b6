/** How long to wait before retrying a delivery, after `attempts` failed tries. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000, maxAttempts: 12 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so many
 * workers that failed together (an LMS outage) do not all come back in the same instant.
 * A Retry-After from the platform is a floor.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempts: number,
  retryAfterMs: number | null,
  random = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const delay = exp / 2 + random() * (exp / 2);
  return Math.max(delay, retryAfterMs ?? 0);
}
