import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { Registration } from "../../server/src/models/registration";
import { VERIFICATION_MISSES_ALLOWED } from "../../server/src/routes/verify/router";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { binary, buildApproval, devTenantId } from "../credentials/factories";

// Issue #13, item 5: public endpoints give away nothing they need not. The Open Badge carries
// no internal ids; the verification answers holder, award, date and status only; and guessing
// codes is limited per address.

let tool: RunningTool;
let tenantId: string;
let mentorToken: string;
const api = () => request(tool.url);

beforeAll(async () => {
  tool = await startTestTool();
  mentorToken = (await launchAs(tool, { userId: devUsers.mentor })).token;
  await launchAs(tool, { userId: devUsers.mentor2 });
  tenantId = await devTenantId(tool);
});
afterAll(async () => tool?.close());

async function badgeOf(certificateId: string, token = mentorToken) {
  const res = await api()
    .get(`/api/certificates/${certificateId}/badge`)
    .set(bearer(token))
    .buffer(true)
    .parse(binary)
    .expect(200);
  return JSON.parse((res.body as Buffer).toString("utf8"));
}

describe("the Open Badge", () => {
  it("publishes no tenant or registration id: its achievement has a public, stable id per programme version and qualification", async () => {
    const registration = await Registration.findById(tenantId).lean();
    const mine = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const theirs = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor2 });
    const credential = await badgeOf(mine._id.toString());
    const text = JSON.stringify(credential);
    for (const internal of [
      tenantId,
      registration!.clientId,
      mine.programmeVersionId,
      mine._id.toString(),
      devUsers.mentor,
    ])
      expect(text).not.toContain(internal);

    const achievementId = credential.credentialSubject.achievement.id;
    expect(achievementId).toBe(
      `${tool.url}/achievements/${encodeURIComponent(mine.programmeCode)}/v${mine.programmeVersion}/MASTERY`,
    );
    expect((await badgeOf(mine._id.toString())).credentialSubject.achievement.id).toBe(achievementId);
    const theirToken = (await launchAs(tool, { userId: devUsers.mentor2 })).token;
    expect((await badgeOf(theirs._id.toString(), theirToken)).credentialSubject.achievement.id).toBe(achievementId);
  });
});

describe("public verification", () => {
  it("answers holder name, award, date and status, and no more", async () => {
    const cert = await buildApproval({ tenantId, contextId: devCourse, mentorUserId: devUsers.mentor });
    const json = await api().get(`/api/public/verify/${cert.verificationCode}`).expect(200);
    expect(Object.keys(json.body).sort()).toEqual([
      "credits",
      "fheqLevel",
      "issuedOn",
      "mentorName",
      "partnership",
      "qualificationTitle",
      "revokedOn",
      "status",
      "verificationCode",
    ]);
    const page = await api().get(`/verify/${cert.verificationCode}`).expect(200);
    expect(page.text).toContain(cert.mentorName);
    expect(page.text).toContain("Mastery level certificate");
    expect(page.text).toContain("20 November 2026");
    expect(page.text).toContain("Valid");
    for (const hidden of [cert.programmeTitle, tenantId, devUsers.mentor, cert._id.toString()]) {
      expect(page.text).not.toContain(hidden);
      expect(JSON.stringify(json.body)).not.toContain(hidden);
    }
  });
});

describe("guessing verification codes", () => {
  let limited: RunningTool;
  beforeAll(async () => {
    limited = await startTestTool();
  });
  afterAll(async () => limited?.close());

  it(`lets an address get ${VERIFICATION_MISSES_ALLOWED} codes wrong, then answers 429 with Retry-After and a sentence, page and JSON alike`, async () => {
    const guess = () => request(limited.url);
    const cert = await buildApproval({
      tenantId: await devTenantId(limited),
      contextId: devCourse,
      mentorUserId: devUsers.mentor,
    });
    // Looking up a real code costs nothing.
    for (let i = 0; i < VERIFICATION_MISSES_ALLOWED + 2; i++)
      await guess().get(`/api/public/verify/${cert.verificationCode}`).expect(200);

    for (let i = 0; i < VERIFICATION_MISSES_ALLOWED; i++) {
      const wrong = `MP-2222-3333-${String(4000 + i).replace(/[01]/g, "Z")}`;
      const res =
        i % 3 === 0
          ? await guess().get(`/verify/${wrong}`)
          : i % 3 === 1
            ? await guess().get(`/api/public/verify/${wrong}`)
            : await guess().get("/api/public/verify/not-a-code");
      expect(res.status).not.toBe(429);
    }

    const json = await guess().get(`/api/public/verify/${cert.verificationCode}`);
    expect(json.status).toBe(429);
    expect(Number(json.headers["retry-after"])).toBeGreaterThan(0);
    expect(json.body.error).toMatchObject({ code: "rate_limited" });
    expect(json.body.error.message).toMatch(
      /^Too many certificate codes that do not exist were tried from your address\. .*try again in \d+ minutes?\.$/,
    );
    const page = await guess().get(`/verify/${cert.verificationCode}`);
    expect(page.status).toBe(429);
    expect(Number(page.headers["retry-after"])).toBeGreaterThan(0);
    expect(page.text).toContain("Too many attempts");
    expect(page.text).not.toContain(cert.mentorName);
  });
});
