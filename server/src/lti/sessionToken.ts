import crypto from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { z } from "zod";
import { ZRole } from "../contracts/session";
import { unauthenticated } from "../errors";

/**
 * Who is asking, as proven by an LTI launch. Carried in a signed bearer token so the app works
 * inside an LMS iframe without third-party cookies, and so no request needs a lookup to know it.
 */
export const ZActor = z.object({
  tenantId: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  contextId: z.string(),
  contextTitle: z.string(),
  contextLabel: z.string().nullable(),
  resourceLinkId: z.string().nullable(),
  roles: z.array(ZRole).min(1),
  launchId: z.string(),
  messageType: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]),
  target: z.string().nullable(),
  isDevelopment: z.boolean(),
});
export type Actor = z.infer<typeof ZActor>;

const SESSION_HOURS = 8;

// Imported once per key: importing a raw key on every sign and verify was most of their cost.
const sessionKeys = new Map<string, Promise<CryptoKey>>();
function sessionKey(ltiKey: string): Promise<CryptoKey> {
  let key = sessionKeys.get(ltiKey);
  if (!key) {
    // Derived, so the session signing key is not the key ltijs encrypts its records with.
    const raw = crypto.createHmac("sha256", ltiKey).update("mentor-pathways/session/v1").digest();
    key = crypto.webcrypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    sessionKeys.set(ltiKey, key);
  }
  return key;
}

/**
 * Signs a session token for an actor, valid for 8 hours from `issuedAt` (now, unless a test needs
 * a session that has already ended).
 */
export async function signSessionToken(actor: Actor, ltiKey: string, issuedAt: Date = new Date()): Promise<string> {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({ actor })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_HOURS * 3600)
    .setAudience("mentor-pathways/api")
    .sign(await sessionKey(ltiKey));
}

/** Verifies a session token; any failure is a 401 the person can act on. */
export async function verifySessionToken(token: string, ltiKey: string): Promise<Actor> {
  try {
    const { payload } = await jwtVerify(token, await sessionKey(ltiKey), {
      audience: "mentor-pathways/api",
      algorithms: ["HS256"],
    });
    return ZActor.parse(payload.actor);
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw unauthenticated("Your session has ended. Please open Mentor Pathways again from your course.");
    }
    throw unauthenticated("Your session could not be verified. Please open Mentor Pathways again from your course.");
  }
}
