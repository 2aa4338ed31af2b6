import { z } from "zod";
import { ZPublicVerification, ZVerificationParams } from "./certificates";
import { defineEndpoint } from "./endpoint";

/** A W3C Bitstring Status List of one platform (the revocation list every badge names). */
export const ZStatusListParams = z.object({ listId: z.string().regex(/^[0-9a-f]{24}$/, "is not a status list") });

/** A public key as a JWK: its members depend on the key type, so all are kept. */
const ZJwk = z.object({ kty: z.string().optional(), kid: z.string().optional() }).passthrough();

/** GET /api/public/keys: the badge-signing key set. */
export const ZBadgeJwks = z.object({ keys: z.array(ZJwk) });

/** GET /api/public/issuer: the issuer of training records and badges, as a controller document. */
export const ZIssuerProfile = z.object({
  "@context": z.array(z.string()),
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  url: z.string(),
  alsoKnownAs: z.array(z.string()),
  verificationMethod: z.array(
    z.object({ id: z.string(), type: z.string(), controller: z.string(), publicKeyJwk: ZJwk }),
  ),
  assertionMethod: z.array(z.string()),
});

/**
 * Public by design, unauthenticated: anyone holding a certificate's code may check it; verifiers
 * fetch the keys, the issuer and the revocation lists.
 */
export const verifyEndpoints = {
  /** JSON twin of the verification page. */
  verify: defineEndpoint({
    method: "GET",
    path: "/api/public/verify/:code",
    input: { params: ZVerificationParams },
    output: ZPublicVerification,
  }),
  /** As application/vc+ld+json, or signed as application/vc+jwt when the verifier asks for that. */
  revocationList: defineEndpoint({
    method: "GET",
    path: "/api/public/status/:listId/revocation",
    input: { params: ZStatusListParams },
    output: "text",
  }),
  keys: defineEndpoint({ method: "GET", path: "/api/public/keys", output: ZBadgeJwks }),
  issuer: defineEndpoint({ method: "GET", path: "/api/public/issuer", output: ZIssuerProfile }),
  /** The page printed on each certificate (HTML); an unknown or malformed code is a 404 page. */
  page: defineEndpoint({ method: "GET", path: "/verify/:code", output: "text" }),
  /** The deployment's DID document, where did:web resolves it for a PUBLIC_URL without a path… */
  didDocument: defineEndpoint({ method: "GET", path: "/.well-known/did.json", output: "text" }),
  /** …and under a PUBLIC_URL with a path (a proxy passes the rest on). */
  didDocumentUnderPath: defineEndpoint({ method: "GET", path: "/did.json", output: "text" }),
};
