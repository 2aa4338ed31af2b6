import crypto from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { describeIssues } from "./platformAnswer";
import type { LtijsProvider } from "./ltijs";
import { PlatformCallError, platformRequest, DEFAULT_TIMEOUT_MS } from "./platformHttp";

/** The LTI Advantage scopes the tool asks for. */
export const SCOPES = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  resultReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  membershipReadonly: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

/**
 * One platform registration's services, as the rest of the tool sees them: which registration,
 * and how patient to be. Built by `platformService()`; passed to the AGS/NRPS/DL functions.
 */
export interface PlatformService {
  provider: LtijsProvider;
  issuer: string;
  clientId: string;
  timeoutMs: number;
}

export function platformService(
  provider: LtijsProvider,
  issuer: string,
  clientId: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): PlatformService {
  return { provider, issuer, clientId, timeoutMs };
}

/** The tool's signing key for one platform (ltijs generates one per registration). */
export interface ToolSigningKey {
  key: crypto.KeyObject;
  kid: string;
  tokenEndpoint: string;
  /** Some platforms (Moodle, Blackboard) name a different audience for client assertions. */
  authorizationServer: string | null;
}

const keyCache = new Map<string, Promise<ToolSigningKey>>();

/** Loads (once per process) the private key ltijs keeps for this registration. */
export function toolSigningKey(svc: PlatformService): Promise<ToolSigningKey> {
  const cacheKey = `${svc.issuer}\n${svc.clientId}`;
  let pending = keyCache.get(cacheKey);
  if (!pending) {
    pending = (async () => {
      const platform = await svc.provider.getPlatform(svc.issuer, svc.clientId);
      if (!platform)
        throw new PlatformCallError("permanent", `No LTI registration for ${svc.issuer} (${svc.clientId})`, null);
      const [pem, kid, tokenEndpoint, authServer] = await Promise.all([
        platform.platformPrivateKey(),
        platform.platformKid(),
        platform.platformAccessTokenEndpoint(),
        platform.platformAuthorizationServer(),
      ]);
      // ltijs stores PKCS#1 PEM; KeyObject accepts it where jose's importers would not.
      return { key: crypto.createPrivateKey(pem), kid, tokenEndpoint, authorizationServer: authServer || null };
    })();
    pending.catch(() => keyCache.delete(cacheKey));
    keyCache.set(cacheKey, pending);
  }
  return pending;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

const tokens = new Map<string, CachedToken>();
const inflight = new Map<string, Promise<CachedToken>>();
// Refresh a little early, so a token does not expire between our check and the LMS's.
const EARLY_REFRESH_MS = 30_000;

const tokenKey = (svc: PlatformService, scope: string) => `${svc.issuer}\n${svc.clientId}\n${scope}`;

/**
 * An OAuth2 access token for one scope on one platform (client-credentials grant with an
 * RFC 7523 JWT assertion), cached until shortly before it expires. Concurrent callers share
 * one request.
 */
export async function accessToken(svc: PlatformService, scope: string): Promise<string> {
  const key = tokenKey(svc, scope);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt - EARLY_REFRESH_MS > Date.now()) return cached.token;
  let pending = inflight.get(key);
  if (!pending) {
    pending = requestToken(svc, scope).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const fresh = await pending;
  tokens.set(key, fresh);
  return fresh.token;
}

/** Forgets a token the platform refused (401), so the next call fetches a new one. */
export function forgetAccessToken(svc: PlatformService, scope: string, token: string): void {
  const key = tokenKey(svc, scope);
  if (tokens.get(key)?.token === token) tokens.delete(key);
}

async function requestToken(svc: PlatformService, scope: string): Promise<CachedToken> {
  const signing = await toolSigningKey(svc);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: signing.kid, typ: "JWT" })
    .setIssuer(svc.clientId)
    .setSubject(svc.clientId)
    .setAudience(signing.authorizationServer ?? signing.tokenEndpoint)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(crypto.randomUUID())
    .sign(signing.key);
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
    scope,
  });
  let res;
  try {
    res = await platformRequest(signing.tokenEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
      timeoutMs: svc.timeoutMs,
    });
  } catch (err) {
    // A refused assertion is a configuration problem, not a stale token: do not loop on it.
    if (err instanceof PlatformCallError && err.kind === "unauthorized") {
      throw new PlatformCallError("permanent", `The VLE refused the tool's credentials: ${err.message}`, err.status);
    }
    throw err;
  }
  const parsed = ZTokenAnswer.safeParse(res.json());
  if (!parsed.success)
    throw new PlatformCallError(
      "retryable",
      `The VLE's token endpoint sent no usable access_token (${describeIssues(parsed.error)})`,
      res.status,
    );
  return { token: parsed.data.access_token, expiresAt: Date.now() + (parsed.data.expires_in ?? 3600) * 1000 };
}

/** The token endpoint's answer (RFC 6749 §5.1); some platforms send expires_in as text. */
const ZTokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z
    .union([z.number().positive(), z.string().regex(/^\d+$/).transform(Number)])
    .nullish()
    .transform((v) => v ?? undefined),
});

/**
 * Calls a service endpoint with a bearer token for `scope`; on 401 the token is forgotten and
 * the call made once more with a fresh one (tokens expire early or are revoked by LMSs).
 */
export async function withAccessToken<T>(
  svc: PlatformService,
  scope: string,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = await accessToken(svc, scope);
  try {
    return await call(token);
  } catch (err) {
    if (!(err instanceof PlatformCallError) || err.kind !== "unauthorized") throw err;
    forgetAccessToken(svc, scope, token);
    const fresh = await accessToken(svc, scope);
    try {
      return await call(fresh);
    } catch (again) {
      if (again instanceof PlatformCallError && again.kind === "unauthorized") {
        throw new PlatformCallError("permanent", again.message, again.status);
      }
      throw again;
    }
  }
}
