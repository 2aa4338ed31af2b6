import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { compactVerify, importJWK } from "jose";
import mongoose from "mongoose";
import type { RunningTool } from "../../server/src/boot";
import { onPortfolioApproved } from "../../server/src/commands/onPortfolioApproved";
import { Certificate } from "../../server/src/models/certificate";
import { startTestTool } from "../support/server";
import { bearer, devCourse, devUsers } from "../support/launch";
import { binary, buildApproval, devTenantId, launchEveryDevUser } from "./factories";

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

describe("issuing on approval", () => {
  it("issues one certificate per approved portfolio version, however often or concurrently it is told", async () => {
    const approval = {
      tenantId,
      contextId: devCourse,
      mentorUserId: devUsers.mentor2,
      qualificationCode: "ENTRY",
      portfolioId: new mongoose.Types.ObjectId().toString(),
      versionId: new mongoose.Types.ObjectId().toString(),
      versionNumber: 1,
      approvedBy: devUsers.tutor,
      approvedAt: new Date(),
    };
    await Promise.all(Array.from({ length: 10 }, () => onPortfolioApproved(approval)));
    await onPortfolioApproved(approval);
    const certs = await Certificate.find({ tenantId, contextId: devCourse, versionId: approval.versionId }).lean();
    expect(certs).toHaveLength(1);
    expect(certs[0].verificationCode).toMatch(/^MP-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(certs[0].credits).toBeNull(); // the Entry certificate carries no credit
  });
});

describe("GET /api/certificates", () => {
  it("needs a launch (401)", async () => {
    await api().get("/api/certificates").expect(401);
  });

  it("shows a mentor only their own, staff the whole course, nothing across courses or platforms", async () => {
    const mine = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const theirs = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor2 });
    const elsewhere = await buildApproval({
      tenantId: "another-platform",
      contextId: devCourse,
      mentorUserId: devUsers.mentor,
    });

    const mentorList = await api().get("/api/certificates").set(bearer(tokens.mentor)).expect(200);
    const ids = mentorList.body.certificates.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine._id.toString());
    expect(ids).not.toContain(theirs._id.toString());
    expect(ids).not.toContain(elsewhere._id.toString());
    const shown = mentorList.body.certificates.find((c: { id: string }) => c.id === mine._id.toString());
    expect(shown).toMatchObject({
      status: "valid",
      credits: 30,
      fheqLevel: 7,
      qualification: { code: "MASTERY" },
      partnership: "Example ITE Partnership",
    });
    expect(shown.verificationUrl).toBe(`${tool.url}/verify/${mine.verificationCode}`);

    const tutorList = await api().get("/api/certificates").set(bearer(tokens.tutor)).expect(200);
    expect(tutorList.body.certificates.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([mine._id.toString(), theirs._id.toString()]),
    );

    await api().get(`/api/certificates/${theirs._id}`).set(bearer(tokens.mentor)).expect(404);
    await api().get(`/api/certificates/${elsewhere._id}`).set(bearer(tokens.lead)).expect(404);
    await api().get(`/api/certificates/${mine._id}`).set(bearer(tokens.tutorOther)).expect(404);
    const otherCourseList = await api().get("/api/certificates").set(bearer(tokens.tutorOther)).expect(200);
    expect(otherCourseList.body.certificates).toEqual([]);
  });

  it("names the bad field (400)", async () => {
    const res = await api().get("/api/certificates/not-an-id").set(bearer(tokens.mentor)).expect(400);
    expect(res.body.error.details.fields[0].field).toBe("params.certificateId");
    const bad = await api().get("/api/certificates?status=lost").set(bearer(tokens.lead)).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("query.status");
  });
});

describe("certificate documents", () => {
  it("downloads the PDF and the Open Badges 3.0 credential, as an unsigned copy and signed", async () => {
    const cert = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    await api().get(`/api/certificates/${cert._id}/pdf`).expect(401);

    const pdf = await api()
      .get(`/api/certificates/${cert._id}/pdf`)
      .set(bearer(tokens.mentor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toContain(`certificate-${cert.verificationCode}.pdf`);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");

    const badge = await api()
      .get(`/api/certificates/${cert._id}/badge`)
      .set(bearer(tokens.mentor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const credential = JSON.parse((badge.body as Buffer).toString("utf8"));
    expect(credential["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.issuer).toMatchObject({ type: ["Profile"], name: "Example ITE Partnership" });
    expect(Date.parse(credential.validFrom)).not.toBeNaN();
    const { achievement } = credential.credentialSubject;
    expect(credential.credentialSubject.type).toEqual(["AchievementSubject"]);
    expect(achievement).toMatchObject({
      type: ["Achievement"],
      name: "Mastery level certificate",
      creditsAvailable: 30,
    });
    expect(achievement.criteria.narrative).toEqual(expect.any(String));
    expect(achievement.alignment).toHaveLength(4);
    expect(achievement.alignment[0]).toMatchObject({
      type: ["Alignment"],
      targetName: expect.stringContaining("Personal qualities"),
      targetType: "ceasn:Competency",
    });
    expect(achievement.alignment[0].targetUrl).toMatch(/^https:\/\//);
    // Revocation is told by a W3C Bitstring Status List: the entry names the list and the certificate's place in it.
    const status = credential.credentialStatus;
    expect(status).toEqual({
      id: expect.any(String),
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: expect.any(String),
      statusListIndex: expect.stringMatching(/^\d+$/),
    });
    expect(status.statusListCredential).toMatch(
      new RegExp(`^${tool.url.replace(/[.]/g, "\\.")}/api/public/status/[0-9a-f]{24}/revocation$`),
    );
    expect(status.id).toBe(`${status.statusListCredential}#${status.statusListIndex}`);

    const jwt = await api()
      .get(`/api/certificates/${cert._id}/badge.jwt`)
      .set(bearer(tokens.mentor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const jwks = await api().get("/api/public/keys").expect(200);
    // Open Badges 3.0 VC-JWT: typ "JWT", kid the issuer DID's key; the payload is the credential plus
    // its JWT claims (checked with a VC library in openBadgeVerify.test.ts).
    const { payload, protectedHeader } = await compactVerify(
      (jwt.body as Buffer).toString("utf8"),
      await importJWK(jwks.body.keys[0], "EdDSA"),
    );
    expect(protectedHeader).toMatchObject({
      alg: "EdDSA",
      typ: "JWT",
      kid: `${credential.issuer.id}#${jwks.body.keys[0].kid}`,
    });
    const { iss, jti, sub, nbf, ...signed } = JSON.parse(new TextDecoder().decode(payload));
    expect(signed).toEqual(credential);
    expect({ iss, jti, sub, nbf }).toEqual({
      iss: credential.issuer.id,
      jti: credential.id,
      sub: credential.credentialSubject.id,
      nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    });

    await api().get(`/api/certificates/${cert._id}/badge`).set(bearer(tokens.mentor2)).expect(404);
  });
});

describe("revocation and public verification", () => {
  it("lets only a lead revoke; verification then shows it, revealing only what the certificate shows", async () => {
    const cert = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const code = cert.verificationCode;

    const before = await api().get(`/api/public/verify/${code}`).expect(200);
    expect(before.body).toEqual({
      verificationCode: code,
      status: "valid",
      mentorName: cert.mentorName,
      qualificationTitle: "Mastery level certificate",
      partnership: "Example ITE Partnership",
      credits: 30,
      fheqLevel: 7,
      issuedOn: "2026-11-20",
      revokedOn: null,
    });
    const pageBefore = await api().get(`/verify/${code.toLowerCase()}`).expect(200);
    expect(pageBefore.text).toContain("Valid");
    expect(pageBefore.text).toContain(cert.mentorName);

    await api().post(`/api/certificates/${cert._id}/revoke`).send({ reason: "Plagiarism found" }).expect(401);
    const noReason = await api()
      .post(`/api/certificates/${cert._id}/revoke`)
      .set(bearer(tokens.lead))
      .send({ reason: "" })
      .expect(400);
    expect(noReason.body.error.details.fields[0].field).toBe("body.reason");
    await api()
      .post(`/api/certificates/${cert._id}/revoke`)
      .set(bearer(tokens.tutor))
      .send({ reason: "Plagiarism found" })
      .expect(403);
    await api()
      .post(`/api/certificates/${cert._id}/revoke`)
      .set(bearer(tokens.mentor))
      .send({ reason: "Plagiarism found" })
      .expect(403);
    await api()
      .post(`/api/certificates/${cert._id}/revoke`)
      .set(bearer(tokens.tutorOther))
      .send({ reason: "Plagiarism found" })
      .expect(404);
    expect((await api().get(`/api/public/verify/${code}`).expect(200)).body.status).toBe("valid");

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api()
          .post(`/api/certificates/${cert._id}/revoke`)
          .set(bearer(tokens.lead))
          .send({ reason: "Plagiarism found" }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);

    const after = await api().get(`/api/public/verify/${code}`).expect(200);
    expect(after.body.status).toBe("revoked");
    expect(after.body.revokedOn).toBe(new Date().toISOString().slice(0, 10));
    expect(JSON.stringify(after.body)).not.toContain("Plagiarism");
    expect(JSON.stringify(after.body)).not.toContain(cert.mentorUserId);
    const pageAfter = await api().get(`/verify/${code}`).expect(200);
    expect(pageAfter.text).toContain("Revoked");
    expect(pageAfter.text).not.toContain("Plagiarism");
  });

  it("answers 404 for an unknown code and 400 for a malformed one, without a launch", async () => {
    await api().get("/api/public/verify/MP-2222-3333-4444").expect(404);
    const bad = await api().get("/api/public/verify/hello").expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("params.code");
    const page = await api().get("/verify/hello").expect(404);
    expect(page.text).toContain("Certificate not found");
  });
});
