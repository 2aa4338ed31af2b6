import { randomBytes } from "node:crypto";

/**
 * Short-lived records behind random keys. The platform hands the keys out as opaque values
 * (lti_message_hint, deep-linking `data`, registration tokens) so nothing can be forged or read
 * from them.
 */
export class EphemeralStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  put(value: T): string {
    this.prune();
    const key = randomBytes(24).toString("base64url");
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    return key;
  }

  get(key: string | undefined): T | undefined {
    if (!key) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Reads and forgets: for one-time values. */
  take(key: string | undefined): T | undefined {
    const value = this.get(key);
    if (key) this.entries.delete(key);
    return value;
  }

  // Entries are kept in insertion order with equal lifetimes, so expired ones are all at the front.
  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}

/** Remembers values (nonces, jti) until they expire, to refuse replays. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private lastPrune = 0;

  /** False when the value was already seen and has not expired. */
  accept(value: string, expiresAtMs: number): boolean {
    const now = Date.now();
    if (now - this.lastPrune > 10_000) {
      this.lastPrune = now;
      for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
    }
    const until = this.seen.get(value);
    if (until !== undefined && until > now) return false;
    this.seen.set(value, Math.max(expiresAtMs, now + 60_000));
    return true;
  }
}
