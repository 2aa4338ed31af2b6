/**
 * An in-process limit on wrong guesses per client address, for public look-ups by a secret code
 * (certificate verification). Only misses count, so a verifier checking real codes is never
 * slowed; once an address has used its misses, every look-up from it waits out the window.
 */
export interface GuessLimiter {
  /** Seconds the address must wait, or 0 when it may look up now. */
  waitSeconds(address: string): number;
  /** Records a look-up that found nothing (or was malformed). */
  recordMiss(address: string): void;
}

/** Creates a limiter allowing `maxMisses` wrong guesses per address in each `windowMs`. */
export function createGuessLimiter(opts: { maxMisses: number; windowMs: number; now?: () => number }): GuessLimiter {
  const now = opts.now ?? Date.now;
  const byAddress = new Map<string, { misses: number; windowEndsAt: number }>();
  const current = (address: string) => {
    const entry = byAddress.get(address);
    return entry && entry.windowEndsAt > now() ? entry : null;
  };
  return {
    waitSeconds(address) {
      const entry = current(address);
      return entry && entry.misses >= opts.maxMisses ? Math.max(1, Math.ceil((entry.windowEndsAt - now()) / 1000)) : 0;
    },
    recordMiss(address) {
      // Kept small under a flood of addresses: expired windows go first.
      if (byAddress.size >= 10_000)
        for (const [key, entry] of byAddress) if (entry.windowEndsAt <= now()) byAddress.delete(key);
      if (byAddress.size >= 10_000) byAddress.delete(byAddress.keys().next().value!);
      const entry = current(address) ?? { misses: 0, windowEndsAt: now() + opts.windowMs };
      entry.misses++;
      byAddress.set(address, entry);
    },
  };
}
