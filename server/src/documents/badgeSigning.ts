import crypto from "node:crypto";
import { CompactSign, type CompactJWSHeaderParameters, type JWK } from "jose";

// DER header of a PKCS#8 Ed25519 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

interface BadgeKey {
  kid: string;
  privateKey: crypto.KeyObject;
  publicJwk: JWK;
}

let cached: { ltiKey: string; key: BadgeKey } | undefined;

/**
 * The tool's Ed25519 badge-signing key, derived from LTI_KEY so every process of a deployment
 * signs with the same key without another secret to manage. Rotating LTI_KEY rotates it.
 */
export function badgeKey(ltiKey: string): BadgeKey {
  if (cached?.ltiKey === ltiKey) return cached.key;
  const seed = crypto.createHmac("sha256", ltiKey).update("mentor-pathways/badge-signing/v1").digest();
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicJwk = crypto.createPublicKey(privateKey).export({ format: "jwk" }) as JWK;
  const kid = crypto
    .createHash("sha256")
    .update(publicJwk.x ?? "")
    .digest("base64url")
    .slice(0, 16);
  const key = { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: "EdDSA", use: "sig" } };
  cached = { ltiKey, key };
  return key;
}

/** The public keys a verifier needs, as a JWK Set. */
export function badgeJwks(ltiKey: string): { keys: JWK[] } {
  return { keys: [badgeKey(ltiKey).publicJwk] };
}

/**
 * Secures a credential as a compact JWS (VC-JOSE-COSE style: the payload is the credential
 * itself, typ "vc+jwt"), signed EdDSA with the tool's badge key, whose public half is at `jwksUrl`.
 * Used for the training record, whose importers find the key by the bare `kid` in its issuer's profile.
 */
export async function signCredential(credential: object, ltiKey: string, jwksUrl: string): Promise<string> {
  const key = badgeKey(ltiKey);
  return signJws(credential, { alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: key.kid, jku: jwksUrl }, ltiKey);
}

interface VcForJwt {
  id: string;
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Secures a credential in Open Badges 3.0's JSON Web Token proof format (OB 3.0.3 section 8.2):
 * the payload is the credential with the claims iss (issuer.id), jti (id), sub
 * (credentialSubject.id), nbf (validFrom) and exp (validUntil, when it has one); the JOSE header
 * has only alg, typ "JWT" and a `kid` that dereferences to the key (a DID URL: `keyId`).
 */
export async function signVcJwt(credential: VcForJwt, ltiKey: string, keyId: string): Promise<string> {
  const claims = {
    iss: typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    ...(credential.credentialSubject.id ? { sub: credential.credentialSubject.id } : {}),
    nbf: seconds(credential.validFrom),
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
  };
  return signJws({ ...credential, ...claims }, { alg: "EdDSA", typ: "JWT", kid: keyId }, ltiKey);
}

async function signJws(payload: object, header: CompactJWSHeaderParameters, ltiKey: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header)
    .sign(badgeKey(ltiKey).privateKey);
}
