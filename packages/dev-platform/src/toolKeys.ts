import {
  errors,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyOptions,
  type JWSHeaderParameters,
} from "jose";

/** Why a tool-signed JWT was refused, in words a tool developer can act on. */
export class ToolJwtError extends Error {}

/**
 * Verifies JWTs signed by tools (client assertions, deep-linking responses) against each tool's
 * JWKS, fetched over HTTP as a real platform does. Keys are cached by kid; an unknown kid
 * triggers one refetch so key rotation on the tool side just works.
 */
export class ToolKeyCache {
  private readonly sets = new Map<string, Map<string, CryptoKey>>();
  private readonly inflight = new Map<string, Promise<Map<string, CryptoKey>>>();

  async verify(token: string, jwksUrl: string, options: JWTVerifyOptions): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(jwksUrl, header), {
        algorithms: ["RS256"],
        ...options,
      });
      return payload;
    } catch (err) {
      throw new ToolJwtError(describe(err));
    }
  }

  private async keyFor(jwksUrl: string, header: JWSHeaderParameters): Promise<CryptoKey> {
    let keys = this.sets.get(jwksUrl) ?? (await this.fetch(jwksUrl));
    let key = pick(keys, header.kid);
    if (!key && this.sets.has(jwksUrl)) {
      keys = await this.fetch(jwksUrl);
      key = pick(keys, header.kid);
    }
    if (!key) throw new ToolJwtError(`the tool's JWKS at ${jwksUrl} has no key with kid "${header.kid ?? "(none)"}"`);
    return key;
  }

  private fetch(jwksUrl: string): Promise<Map<string, CryptoKey>> {
    const pending = this.inflight.get(jwksUrl);
    if (pending) return pending;
    const loading = loadJwks(jwksUrl)
      .then((keys) => {
        this.sets.set(jwksUrl, keys);
        return keys;
      })
      .finally(() => this.inflight.delete(jwksUrl));
    this.inflight.set(jwksUrl, loading);
    return loading;
  }
}

async function loadJwks(jwksUrl: string): Promise<Map<string, CryptoKey>> {
  let body: unknown;
  try {
    const res = await fetch(jwksUrl, { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (err) {
    throw new ToolJwtError(
      `could not fetch the tool's JWKS from ${jwksUrl}: ${err instanceof Error ? err.message : err}`,
    );
  }
  const list = (body as { keys?: unknown }).keys;
  if (!Array.isArray(list)) throw new ToolJwtError(`${jwksUrl} did not return a JWKS ({ "keys": [...] })`);
  const keys = new Map<string, CryptoKey>();
  for (const jwk of list as JWK[]) {
    if (jwk.kty !== "RSA" || (jwk.use && jwk.use !== "sig")) continue;
    try {
      keys.set(jwk.kid ?? "", (await importJWK(jwk, "RS256")) as CryptoKey);
    } catch {
      // A malformed key in the set should not hide the good ones.
    }
  }
  return keys;
}

// Without a kid in the header, only an unambiguous single-key set can be used.
function pick(keys: Map<string, CryptoKey>, kid: string | undefined): CryptoKey | undefined {
  if (kid !== undefined) return keys.get(kid);
  return keys.size === 1 ? [...keys.values()][0] : undefined;
}

function describe(err: unknown): string {
  if (err instanceof ToolJwtError) return err.message;
  if (err instanceof errors.JWTExpired) return "the JWT has expired";
  if (err instanceof errors.JWTClaimValidationFailed) return `claim "${err.claim}" is invalid: ${err.message}`;
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return "the signature does not verify against the tool's key";
  if (err instanceof errors.JOSEAlgNotAllowed) return "the JWT must be signed with RS256";
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid) return `not a valid JWT: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
