import { describe, expect, it } from "vitest";
import { issuerDid, issuerDidDocument, issuerKeyId } from "./issuerDid";

const KEY = "test-lti-key-0123456789abcdef0123456789abcdef";

describe("the issuer's did:web", () => {
  it("is the host of PUBLIC_URL, its port's colon percent-encoded, and any path as more segments", () => {
    expect(issuerDid("https://mentor.example.ac.uk")).toBe("did:web:mentor.example.ac.uk");
    expect(issuerDid("https://mentor.example.ac.uk:8443")).toBe("did:web:mentor.example.ac.uk%3A8443");
    expect(issuerDid("https://example.ac.uk/tools/mentor-pathways")).toBe(
      "did:web:example.ac.uk:tools:mentor-pathways",
    );
  });

  it("publishes only the public half of the badge key, for assertions", () => {
    const doc = issuerDidDocument("https://mentor.example.ac.uk", KEY);
    expect(doc.id).toBe("did:web:mentor.example.ac.uk");
    expect(doc.verificationMethod).toEqual([
      {
        id: issuerKeyId("https://mentor.example.ac.uk", KEY),
        type: "JsonWebKey2020",
        controller: doc.id,
        publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: expect.any(String) },
      },
    ]);
    expect(doc.assertionMethod).toEqual([doc.verificationMethod[0].id]);
    expect(JSON.stringify(doc)).not.toContain('"d"');
  });
});
