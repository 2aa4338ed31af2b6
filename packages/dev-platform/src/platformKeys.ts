import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTPayload,
} from "jose";

const ALG = "RS256";
const PRIVATE_PARTS = ["d", "p", "q", "dp", "dq", "qi"] as const;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** When it stopped being the current key; undefined for the current one. */
  retiredAt?: number;
}

/** The platform's signing keys: one current, plus recently rotated ones still published. */
export interface PlatformKeyring {
  currentKid(): string;
  sign(payload: JWTPayload, opts?: { kid?: string; foreign?: boolean }): Promise<string>;
  jwks(): { keys: JWK[] };
  rotate(opts?: { keepOld?: boolean }): Promise<void>;
}

/** Loads the key from keyFile (or generates and saves one) and returns the keyring. */
export async function loadPlatformKeyring(opts: { keyFile?: string; graceSeconds: number }): Promise<PlatformKeyring> {
  let keys: SigningKey[] = [await loadOrGenerate(opts.keyFile)];
  let foreign: SigningKey | undefined;

  const published = () => {
    const cutoff = Date.now() - opts.graceSeconds * 1000;
    keys = keys.filter((k) => k.retiredAt === undefined || k.retiredAt > cutoff);
    return keys;
  };

  return {
    currentKid: () => keys[0].kid,
    async sign(payload, signOpts = {}) {
      let key = keys[0];
      if (signOpts.foreign) {
        // A key nobody published: its signatures must never verify, whatever kid they claim.
        foreign ??= await generateSigningKey();
        key = foreign;
      }
      return new SignJWT(payload)
        .setProtectedHeader({ alg: ALG, typ: "JWT", kid: signOpts.kid ?? keys[0].kid })
        .sign(key.privateKey);
    },
    jwks: () => ({ keys: published().map((k) => k.publicJwk) }),
    async rotate(rotateOpts = {}) {
      const fresh = await generateSigningKey();
      const now = Date.now();
      const older = rotateOpts.keepOld === false ? [] : keys.map((k) => ({ ...k, retiredAt: k.retiredAt ?? now }));
      keys = [fresh, ...older];
      if (opts.keyFile) await saveKey(opts.keyFile, fresh.privateKey, fresh.kid);
    },
  };
}

async function loadOrGenerate(keyFile: string | undefined): Promise<SigningKey> {
  if (keyFile && existsSync(keyFile)) {
    const jwk = JSON.parse(readFileSync(keyFile, "utf8")) as JWK;
    if (jwk.kty !== "RSA" || !jwk.d) throw new Error(`${keyFile} does not hold a private RSA JWK`);
    const publicJwk = publicPart(jwk);
    const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
    const privateKey = (await importJWK({ ...jwk, alg: ALG }, ALG)) as CryptoKey;
    return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: ALG, use: "sig" } };
  }
  const key = await generateSigningKey();
  if (keyFile) await saveKey(keyFile, key.privateKey, key.kid);
  return key;
}

async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported);
  return { kid, privateKey, publicJwk: { ...exported, kid, alg: ALG, use: "sig" } };
}

async function saveKey(keyFile: string, privateKey: CryptoKey, kid: string): Promise<void> {
  const jwk = await exportJWK(privateKey);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, JSON.stringify({ ...jwk, kid, alg: ALG, use: "sig" }, null, 2), { mode: 0o600 });
}

function publicPart(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const part of PRIVATE_PARTS) delete copy[part];
  delete copy.key_ops;
  delete copy.ext;
  return copy as JWK;
}
