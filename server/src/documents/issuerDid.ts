import { badgeKey } from "./badgeSigning";

/**
 * The deployment's issuer DID (did:web), from PUBLIC_URL: the host (a port's ":" written "%3A")
 * and any path segments joined by ":". A verifier resolves it to `<PUBLIC_URL>/.well-known/did.json`
 * (no path) or `<PUBLIC_URL>/did.json` (with a path), over https: did:web has no http form, so a
 * loopback test deployment resolves only with a resolver told to use http.
 */
export function issuerDid(publicUrl: string): string {
  const url = new URL(publicUrl);
  const segments = url.pathname.split("/").filter(Boolean).map(encodeURIComponent);
  return ["did:web", encodeURIComponent(url.host), ...segments].join(":");
}

/** The id of the badge key in the DID document; the VC-JWT header's `kid`. */
export const issuerKeyId = (publicUrl: string, ltiKey: string) => `${issuerDid(publicUrl)}#${badgeKey(ltiKey).kid}`;

/**
 * The DID document a did:web resolver fetches: the badge key as a JsonWebKey2020 verification
 * method (the type VC-JWT verifiers such as did-jwt match to EdDSA), usable for assertions.
 */
export function issuerDidDocument(publicUrl: string, ltiKey: string) {
  const id = issuerDid(publicUrl);
  const method = issuerKeyId(publicUrl, ltiKey);
  const { kty, crv, x } = badgeKey(ltiKey).publicJwk;
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id,
    alsoKnownAs: [publicUrl],
    verificationMethod: [{ id: method, type: "JsonWebKey2020", controller: id, publicKeyJwk: { kty, crv, x } }],
    assertionMethod: [method],
  };
}
