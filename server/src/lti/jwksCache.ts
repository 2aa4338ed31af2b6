import { createRequire } from "node:module";
import { z } from "zod";
import { platformRequest } from "./platformHttp";

const ZJwks = z.object({ keys: z.array(z.object({ kid: z.string().optional() }).passthrough()) });
type Jwks = z.infer<typeof ZJwks>;

interface Entry {
  jwks: Jwks;
  expiresAt: number;
  /** When an unknown kid last forced a refetch. */
  lastForcedAt: number;
}

const DEFAULT_MAX_AGE_MS = 5 * 60_000;
const LONGEST_MAX_AGE_MS = 24 * 3600_000;
// An unknown kid triggers a refetch (the platform may have rotated), but not more often than
// this per URL, so a stream of forged kids cannot make us hammer the platform.
const REFETCH_COOLDOWN_MS = 5_000;

/**
 * Platform public keysets, cached. ltijs fetches the JWKS on every launch; we keep it for the
 * platform's Cache-Control max-age (default 5 minutes) and refetch early when a launch names a
 * kid we have not seen, which is how key rotation shows itself.
 */
export class JwksCache {
  private entries = new Map<string, Entry>();
  private inflight = new Map<string, Promise<Jwks>>();
  fetches = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The keyset for `url`, fresh enough to contain `kid` if the platform publishes it. */
  async get(url: string, kid?: string): Promise<Jwks> {
    const entry = this.entries.get(url);
    const now = this.now();
    const hasKid = !kid || !!entry?.jwks.keys.some((k) => k.kid === kid);
    if (entry && entry.expiresAt > now && hasKid) return entry.jwks;
    const isForced = !!entry && entry.expiresAt > now;
    if (isForced && now - entry.lastForcedAt < REFETCH_COOLDOWN_MS) return entry.jwks;
    try {
      return await this.download(url, isForced ? now : (entry?.lastForcedAt ?? 0));
    } catch (err) {
      // A platform briefly unreachable should not stop launches signed with a key we hold.
      if (entry && hasKid) return entry.jwks;
      throw err;
    }
  }

  private download(url: string, lastForcedAt: number): Promise<Jwks> {
    const pending = this.inflight.get(url);
    if (pending) return pending;
    const p = (async () => {
      this.fetches++;
      const res = await platformRequest(url, { headers: { Accept: "application/json" }, timeoutMs: 10_000 }).catch(
        () => {
          throw new Error(`KEYSET_NOT_FOUND`);
        },
      );
      const jwks = ZJwks.parse(res.json());
      const maxAge = /max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1];
      const ttl = maxAge !== undefined ? Math.min(Number(maxAge) * 1000, LONGEST_MAX_AGE_MS) : DEFAULT_MAX_AGE_MS;
      this.entries.set(url, { jwks, expiresAt: this.now() + ttl, lastForcedAt });
      return jwks;
    })().finally(() => this.inflight.delete(url));
    this.inflight.set(url, p);
    return p;
  }
}

/** The process-wide cache that ltijs's launch validation reads through. */
export const platformKeysets = new JwksCache();

/** Keyset URLs of registered platforms: only these are served from the cache. */
export const registeredKeysetUrls = new Set<string>();

let installed = false;

/**
 * Routes ltijs's JWKS downloads through `platformKeysets`. ltijs fetches keysets with a bare
 * `got.get(url).json()` from its Http module: calls for registered keyset URLs are answered from
 * the cache, any other keyset download goes through platformRequest uncached, so it carries our
 * User-Agent too. ltijs's own AGS/NRPS/registration services (its only other calls) are not used.
 */
export function installJwksCache(isKeysetUrl: (url: string) => boolean = (url) => registeredKeysetUrls.has(url)) {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const http = require("ltijs/dist/Utils/Http") as { get: (url: string, options?: unknown) => unknown };
  const originalGet = http.get.bind(http);
  http.get = (url: string, options?: unknown) => {
    if (options === undefined && typeof url === "string") {
      if (isKeysetUrl(url)) return { json: () => platformKeysets.get(url) };
      return {
        json: () =>
          platformRequest(url, { headers: { Accept: "application/json" }, timeoutMs: 10_000 }).then((res) =>
            res.json(),
          ),
      };
    }
    return originalGet(url, options);
  };
}
