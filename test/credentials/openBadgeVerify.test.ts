import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { z } from "zod";
import { Resolver, type DIDResolutionResult, type ParsedDID } from "did-resolver";
import { verifyCredential } from "did-jwt-vc";
import { CompactSign } from "jose";
import { decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import type { RunningTool } from "../../server/src/boot";
import { badgeKey } from "../../server/src/documents/badgeSigning";
import { Member } from "../../server/src/models/member";
import { startTestTool } from "../support/server";
import { bearer, devCourse, devUsers } from "../support/launch";
import { binary, buildApproval, devTenantId, launchEveryDevUser } from "./factories";

/*
 * Open Badges that verify (issue 14, item 8). Every signed form of a badge is checked by a
 * verifiable-credentials library (did-jwt-vc over did-jwt, resolving the issuer's did:web), never
 * by our own code, and the credential's shape by a schema written here from the Open Badges 3.0
 * data model (3.0.3, appendix B.1: AchievementCredential, AchievementSubject, Achievement,
 * IdentityObject, Image, Profile) and its VC-JWT rules (section 8.2).
 */

let tool: RunningTool;
let tenantId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tool = await startTestTool();
  Object.assign(tokens, await launchEveryDevUser(tool));
  tenantId = await devTenantId(tool);
});
afterAll(async () => tool?.close());

const api = () => request(tool.url);

/**
 * did:web resolves only over https; the test tool listens on plain http on loopback, so the
 * resolver given to the library fetches the same path (/.well-known/did.json) over http. The
 * library does everything else: finding the key, checking the signature and the time claims.
 */
const httpDidWeb = async (did: string, parsed: ParsedDID): Promise<DIDResolutionResult> => {
  const [host, ...path] = parsed.id.split(":").map(decodeURIComponent);
  const url = path.length ? `http://${host}/${path.join("/")}/did.json` : `http://${host}/.well-known/did.json`;
  const res = await fetch(url);
  if (!res.ok) return { didResolutionMetadata: { error: "notFound" }, didDocument: null, didDocumentMetadata: {} };
  const didDocument = await res.json();
  expect(didDocument.id).toBe(did);
  return { didResolutionMetadata: { contentType: "application/did+json" }, didDocument, didDocumentMetadata: {} };
};
const resolver = new Resolver({ web: httpDidWeb });

/**
 * did-jwt-vc checks the JWT (signature against the DID's key, iss resolved, nbf/exp). Its extra
 * data-model check is written for VC 1.1 (it demands the 2018 context), whereas Open Badges 3.0
 * is VC 2.0; so that one check is off and the OB 3.0 schema below checks the shape instead.
 */
// did-jwt-vc bundles its own (older) did-resolver typings; the resolver object is the same shape.
const verify = (jwt: string) =>
  verifyCredential(jwt, resolver as unknown as Parameters<typeof verifyCredential>[1], { policies: { format: false } });

// ---- Open Badges 3.0 data model, as the specification states it -------------------------------
const ZUri = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, "is not a URI");
const ZTypes = (must: string[]) =>
  z
    .array(z.string())
    .min(1)
    .refine((t) => must.every((m) => t.includes(m)), `type must include ${must.join(", ")}`);
const ZDateTimeZ = z.string().datetime({ offset: true });
const ZImage = z.object({ id: ZUri, type: z.literal("Image"), caption: z.string().optional() });
const ZIdentityObject = z
  .object({
    type: z.literal("IdentityObject"),
    hashed: z.boolean(),
    identityHash: z.string().min(1),
    identityType: z.string().min(1),
    salt: z.string().optional(),
  })
  // An IdentityHash: "sha256" or "md5", "$", then the hash in hexadecimal.
  .refine(
    (o) => !o.hashed || /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/.test(o.identityHash),
    "a hashed identity must be an IdentityHash",
  );
const ZAchievement = z.object({
  id: ZUri,
  type: ZTypes(["Achievement"]),
  name: z.string().min(1),
  description: z.string().min(1),
  criteria: z
    .object({ id: ZUri.optional(), narrative: z.string().optional() })
    .refine((c) => c.id || c.narrative, "criteria needs an id or a narrative"),
  image: ZImage.optional(),
  alignment: z
    .array(z.object({ type: ZTypes(["Alignment"]), targetName: z.string(), targetUrl: z.string().url() }))
    .optional(),
  creditsAvailable: z.number().optional(),
});
const ZOpenBadgeCredential = z.object({
  "@context": z
    .array(z.union([z.string(), z.record(z.unknown())]))
    .min(2)
    .refine(
      (c) =>
        c[0] === "https://www.w3.org/ns/credentials/v2" &&
        c[1] === "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "@context must start with the VC 2.0 and OB 3.0.3 contexts",
    ),
  id: ZUri,
  type: z
    .array(z.string())
    .refine(
      (t) =>
        t.includes("VerifiableCredential") &&
        (t.includes("OpenBadgeCredential") || t.includes("AchievementCredential")),
      "type must include VerifiableCredential and OpenBadgeCredential",
    ),
  name: z.string().optional(),
  issuer: z.union([ZUri, z.object({ id: ZUri, type: ZTypes(["Profile"]), name: z.string().optional() })]),
  validFrom: ZDateTimeZ,
  validUntil: ZDateTimeZ.optional(),
  credentialSubject: z
    .object({
      id: ZUri.optional(),
      type: ZTypes(["AchievementSubject"]),
      achievement: ZAchievement,
      identifier: z.array(ZIdentityObject).optional(),
    })
    .refine((s) => s.id || (s.identifier?.length ?? 0) > 0, "the subject needs an id or an identifier"),
  credentialStatus: z.object({ id: ZUri.optional(), type: z.string() }).passthrough().optional(),
});
type TOpenBadge = z.infer<typeof ZOpenBadgeCredential>;

/** OB 3.0 section 8.2: a VC-JWT's claims must match the credential they carry. */
function expectJwtClaimsMatch(payload: Record<string, unknown>) {
  const vc = payload as unknown as TOpenBadge & { iss: string; jti: string; sub: string; nbf: number };
  expect(vc.iss).toBe(typeof vc.issuer === "string" ? vc.issuer : vc.issuer.id);
  expect(vc.jti).toBe(vc.id);
  expect(vc.sub).toBe(vc.credentialSubject.id);
  expect(vc.nbf).toBe(Math.floor(Date.parse(vc.validFrom) / 1000));
}

const text = async (path: string, token?: string) => {
  const req = api().get(path);
  if (token) req.set(bearer(token));
  const res = await req.buffer(true).parse(binary);
  return { status: res.status, headers: res.headers, body: (res.body as Buffer).toString("utf8") };
};
const sha256Hex = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");
const didOfTool = () => `did:web:${encodeURIComponent(new URL(tool.url).host)}`;

describe("the issuer's did:web", () => {
  it("publishes the badge key at /.well-known/did.json, and keeps the issuer profile that names it", async () => {
    const doc = await api().get("/.well-known/did.json").expect(200);
    expect(doc.headers["content-type"]).toMatch(/^application\/did\+json/);
    const did = JSON.parse(doc.text);
    expect(did.id).toBe(didOfTool());
    expect(did.verificationMethod[0]).toMatchObject({
      type: "JsonWebKey2020",
      controller: did.id,
      publicKeyJwk: { kty: "OKP", crv: "Ed25519" },
    });
    expect(did.verificationMethod[0].publicKeyJwk.d).toBeUndefined();
    expect(did.assertionMethod).toEqual([did.verificationMethod[0].id]);
    const resolved = await resolver.resolve(did.id);
    expect(resolved.didDocument?.id).toBe(did.id);

    const profile = (await api().get("/api/public/issuer").expect(200)).body;
    expect(profile.alsoKnownAs).toEqual([did.id]);
    expect(profile.verificationMethod[0].publicKeyJwk.x).toBe(did.verificationMethod[0].publicKeyJwk.x);
  });
});

describe("an Open Badge that verifies", () => {
  it("badge validates against the schema: signed as VC-JWT and baked into its SVG picture, each form verified by did-jwt-vc", async () => {
    const cert = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });

    // The VC-JWT form.
    const jwtRes = await text(`/api/certificates/${cert._id}/badge.jwt`, tokens.mentor);
    expect(jwtRes.status).toBe(200);
    expect(jwtRes.headers["content-disposition"]).toContain(`badge-${cert.verificationCode}.jwt`);
    const jwt = jwtRes.body;
    const verified = await verify(jwt);
    expect(verified.verified).toBe(true);
    expect(verified.issuer).toBe(didOfTool());
    // OB 3.0 section 8.2: only alg, kid (dereferenceable: a DID URL of the issuer) and typ "JWT".
    const header = JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString("utf8"));
    expect(Object.keys(header).sort()).toEqual(["alg", "kid", "typ"]);
    expect(header).toMatchObject({
      alg: "EdDSA",
      typ: "JWT",
      kid: expect.stringMatching(new RegExp(`^${didOfTool().replace(/[.%]/g, "\\$&")}#`)),
    });
    expectJwtClaimsMatch(verified.payload);

    const badge = ZOpenBadgeCredential.parse(verified.payload);
    expect(badge.issuer).toMatchObject({ id: didOfTool(), type: ["Profile"], name: "Example ITE Partnership" });
    expect(badge.credentialSubject.achievement).toMatchObject({
      name: "Mastery level certificate",
      creditsAvailable: 30,
    });

    // The holder: by name, and by a salted SHA-256 of their email (the one the LMS gave), salt per certificate.
    const ids = badge.credentialSubject.identifier!;
    expect(ids).toContainEqual({
      type: "IdentityObject",
      identityType: "name",
      hashed: false,
      identityHash: "Alex Morgan",
    });
    const email = ids.find((i) => i.identityType === "emailAddress")!;
    expect(email).toMatchObject({
      type: "IdentityObject",
      hashed: true,
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(email.identityHash).toBe(`sha256$${sha256Hex(`alex.morgan@oakfield.example${email.salt}`)}`);
    expect(JSON.stringify(verified.payload)).not.toContain("alex.morgan@oakfield.example");
    const second = ZOpenBadgeCredential.parse(
      (
        await verify(
          (
            await text(
              `/api/certificates/${(await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor }))._id}/badge.jwt`,
              tokens.mentor,
            )
          ).body,
        )
      ).payload,
    );
    const secondEmail = second.credentialSubject.identifier!.find((i) => i.identityType === "emailAddress")!;
    expect(secondEmail.salt).not.toBe(email.salt);
    expect(secondEmail.identityHash).not.toBe(email.identityHash);

    // The picture: an SVG carried as a data: URI, so it shows offline.
    const image = badge.credentialSubject.achievement.image!;
    expect(image.id).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(image.id.split(",")[1], "base64").toString("utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("<title");
    expect(svg).toContain("Mastery level");

    // The baked picture: OB 3.0 SVG baking, the compact JWS in <openbadges:credential verify>.
    const baked = await text(`/api/certificates/${cert._id}/badge.svg`, tokens.mentor);
    expect(baked.status).toBe(200);
    expect(baked.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    const svgOpen = baked.body.match(/<svg\b[^>]*>/)![0];
    expect(svgOpen).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    const afterOpen = baked.body.slice(baked.body.indexOf(svgOpen) + svgOpen.length);
    const bakedJwt = afterOpen.match(/^<openbadges:credential verify="([^"]+)"/)![1];
    expect((baked.body.match(/<openbadges:credential/g) ?? []).length).toBe(1);
    const bakedVerified = await verify(bakedJwt);
    expect(bakedVerified.issuer).toBe(didOfTool());
    expectJwtClaimsMatch(bakedVerified.payload);
    expect(bakedVerified.payload).toEqual(verified.payload);

    // The library refuses a changed badge and one signed by another key.
    const [h, p, s] = jwt.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...verified.payload, name: "Distinction" })).toString(
      "base64url",
    );
    await expect(verify(`${h}.${forgedPayload}.${s}`)).rejects.toThrow(/invalid_signature/);
    // Our badge's payload and header (claiming our DID's key), signed with another deployment's key: refused.
    const foreign = await new CompactSign(Buffer.from(p, "base64url"))
      .setProtectedHeader(header)
      .sign(badgeKey("another-lti-key-0123456789abcdef0123456789abcdef").privateKey);
    await expect(verify(foreign)).rejects.toThrow(/invalid_signature/);
  });

  it("names a holder the LMS gave no email by name alone, and says why", async () => {
    await Member.updateOne({ tenantId, contextId: devCourse, userId: devUsers.mentor2 }, { $set: { email: null } });
    const cert = await buildApproval({
      tenantId,
      contextId: devCourse,
      mentorUserId: devUsers.mentor2,
      qualificationCode: "ENTRY",
    });
    const verified = await verify((await text(`/api/certificates/${cert._id}/badge.jwt`, tokens.mentor2)).body);
    const badge = ZOpenBadgeCredential.parse(verified.payload);
    expect(badge.credentialSubject.identifier).toEqual([
      { type: "IdentityObject", identityType: "name", hashed: false, identityHash: "Sam Patel" },
    ]);
    const shown = (await api().get(`/api/certificates/${cert._id}`).set(bearer(tokens.mentor2)).expect(200)).body;
    expect(shown.badgeIdentityNote).toMatch(/by name only: your LMS did not give the tool your email address/);
    const withEmail = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    expect(
      (await api().get(`/api/certificates/${withEmail._id}`).set(bearer(tokens.mentor)).expect(200)).body
        .badgeIdentityNote,
    ).toBeNull();
  });

  it("offers no unsigned JSON as the badge: the JSON copy says it is unsigned, and only the holder and staff get any form", async () => {
    const cert = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const copy = await text(`/api/certificates/${cert._id}/badge`, tokens.mentor);
    expect(copy.headers["content-type"]).toMatch(/^application\/json/);
    expect(copy.headers["content-disposition"]).toContain("unsigned-copy.json");
    expect(JSON.parse(copy.body).proof).toBeUndefined();
    for (const form of ["badge.jwt", "badge.svg"]) {
      expect((await text(`/api/certificates/${cert._id}/${form}`)).status).toBe(401);
      expect((await text(`/api/certificates/${cert._id}/${form}`, tokens.mentor2)).status).toBe(404);
      expect((await text(`/api/certificates/${cert._id}/${form}`, tokens.tutorOther)).status).toBe(404);
      expect((await text(`/api/certificates/${cert._id}/${form}`, tokens.lead)).status).toBe(200);
    }
    expect((await text("/api/certificates/not-an-id/badge.svg", tokens.mentor)).status).toBe(400);
  });

  it("revocation flips the badge's entry in its signed Bitstring Status List", async () => {
    const cert = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const badge = ZOpenBadgeCredential.parse(
      (await verify((await text(`/api/certificates/${cert._id}/badge.jwt`, tokens.mentor)).body)).payload,
    );
    const status = badge.credentialStatus as {
      type: string;
      statusPurpose: string;
      statusListIndex: string;
      statusListCredential: string;
    };
    expect(status).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation" });

    const revokedBit = async () => {
      const res = await api()
        .get(new URL(status.statusListCredential).pathname)
        .set("Accept", "application/vc+jwt")
        .buffer(true)
        .parse(binary)
        .expect(200);
      const list = await verify((res.body as Buffer).toString("utf8"));
      // The list is issued by the same DID as the badge, and is the list the badge names.
      expect(list.issuer).toBe((badge.issuer as { id: string }).id);
      expect(list.payload.id).toBe(status.statusListCredential);
      expectJwtClaimsMatch(list.payload);
      const subject = list.payload.credentialSubject as { statusPurpose: string; encodedList: string };
      expect(subject.statusPurpose).toBe("revocation");
      return (await decodeList({ encodedList: subject.encodedList })).getStatus(Number(status.statusListIndex));
    };
    expect(await revokedBit()).toBe(false);
    await api()
      .post(`/api/certificates/${cert._id}/revoke`)
      .set(bearer(tokens.lead))
      .send({ reason: "Issued in error in a test." })
      .expect(200);
    expect(await revokedBit()).toBe(true);
    // The badge itself still verifies (it was signed); its status is what changed.
    expect((await verify((await text(`/api/certificates/${cert._id}/badge.jwt`, tokens.mentor)).body)).verified).toBe(
      true,
    );
  });
});
