import { CompactSign } from "jose";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { badgeKey } from "../../server/src/documents/badgeSigning";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { launchCast } from "../programme/helpers";

// Two partnerships' tools on one machine: each its own key, database and data folder.
const OTHER_KEY = "second-partnership-lti-key-fedcba9876543210fedcba98";
let issuerTool: RunningTool, importerTool: RunningTool;
let a: Awaited<ReturnType<typeof launchCast>>, b: Awaited<ReturnType<typeof launchCast>>;

beforeAll(async () => {
  // One after the other: tools in one process share the database connection, which the first opens.
  issuerTool = await startTestTool();
  importerTool = await startTestTool({ LTI_KEY: OTHER_KEY });
  a = await launchCast(issuerTool);
  b = await launchCast(importerTool);
}, 120_000);
afterAll(async () => {
  await importerTool?.close();
  await issuerTool?.close();
});

const at = (tool: RunningTool) => request(tool.url);
const log = (tool: RunningTool, token: string, entry: Record<string, unknown>) =>
  at(tool).post("/api/hours").set(bearer(token)).send(entry).expect(201);
const importRecord = (token: string, credential: string, extra: Record<string, unknown> = {}) =>
  at(importerTool)
    .post("/api/training-record/import")
    .set(bearer(token))
    .send({ credential, ...extra });
const download = async (token: string) =>
  (
    await at(issuerTool)
      .get("/api/training-record")
      .set(bearer(token))
      .buffer(true)
      .parse((res, cb) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => cb(null, text));
      })
      .expect(200)
  ).body as string;
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
const year = (ledger: { years: Array<{ academicYear: string }> }, y: string) =>
  ledger.years.find((x) => x.academicYear === y) as Record<string, unknown>;

describe("a training record that travels between partnerships", () => {
  let record: string;

  it("publishes the issuer with its key at a stable address under PUBLIC_URL", async () => {
    const profile = (await at(issuerTool).get("/api/public/issuer").expect(200)).body;
    expect(profile.id).toBe(`${issuerTool.url}/api/public/issuer`);
    expect(profile.verificationMethod[0]).toMatchObject({
      id: `${profile.id}#${badgeKey("test-lti-key-0123456789abcdef0123456789abcdef").kid}`,
      type: "JsonWebKey",
    });
    expect(profile.verificationMethod[0].publicKeyJwk.d).toBeUndefined();
  });

  it("lets a mentor download their record as a signed CLR 2.0 credential of Open Badges 3.0 achievements", async () => {
    await log(issuerTool, a.mentor, {
      date: "2025-10-01",
      activity: "Initial day 1",
      hours: 6,
      kind: "initial",
      deliveredBy: "Jane Lead",
    });
    await log(issuerTool, a.mentor, { date: "2025-10-08", activity: "Initial day 2", hours: 6, kind: "initial" });
    await log(issuerTool, a.mentor, { date: "2025-11-01", activity: "Refresher", hours: 3, kind: "refresher" });
    await log(issuerTool, a.mentor, {
      date: "2025-11-02",
      activity: "Earlier course",
      hours: 2,
      kind: "initial",
      status: "exempted",
    });
    await at(issuerTool).get("/api/training-record").expect(401);
    await at(issuerTool).get(`/api/training-record?mentorUserId=${devUsers.mentor}`).set(bearer(a.mentor2)).expect(404);
    await at(issuerTool)
      .get(`/api/training-record?mentorUserId=${devUsers.mentor}`)
      .set(bearer(a.otherTutor))
      .expect(404);

    record = await download(a.mentor);
    const header = JSON.parse(Buffer.from(record.split(".")[0], "base64url").toString("utf8"));
    expect(header).toMatchObject({ alg: "EdDSA", typ: "vc+jwt" });
    const vc = payloadOf(record);
    expect(vc.type).toEqual(["VerifiableCredential", "ClrCredential"]);
    expect(vc.issuer.id).toBe(`${issuerTool.url}/api/public/issuer`);
    const hours = vc.credentialSubject.verifiableCredential
      .filter(
        (c: { credentialSubject: { achievement: { achievementType: string } } }) =>
          c.credentialSubject.achievement.achievementType === "ext:MentorTraining",
      )
      .map(
        (c: {
          credentialSubject: { term: string; achievement: { name: string }; result: Array<{ value: string }> };
        }) => [
          c.credentialSubject.term,
          c.credentialSubject.achievement.name,
          c.credentialSubject.result.map((r) => r.value),
        ],
      );
    expect(hours).toEqual(
      expect.arrayContaining([
        ["2025/26", "Initial mentor training", ["12", "2"]],
        ["2025/26", "Refresher mentor training", ["3", "0"]],
      ]),
    );
    expect(hours).toHaveLength(2);
  });

  it("is recognised by another partnership's tool, verified against the issuer's published key, and never funded twice", async () => {
    await log(importerTool, b.mentor, { date: "2025-10-15", activity: "Our initial day", hours: 10, kind: "initial" });
    await importRecord(b.mentor, record).expect(201);

    const ledger = (await at(importerTool).get("/api/hours").set(bearer(b.mentor)).expect(200)).body;
    const label = `Recognised from ${payloadOf(record).issuer.name} (${new URL(issuerTool.url).host})`;
    const recognised = ledger.entries.filter((e: { recognisedFrom: string | null }) => e.recognisedFrom);
    expect(
      recognised
        .map((e: Record<string, unknown>) => [e.kind, e.hours, e.status, e.fundedHours, e.recognisedFrom])
        .sort(),
    ).toEqual([
      ["initial", 12, "exempted", 0, label],
      ["refresher", 3, "exempted", 0, label],
    ]);
    // Recognised hours count toward the mentor's training (exempted) but not toward funding here.
    expect(year(ledger, "2025/26")).toMatchObject({
      initialHours: 22,
      refresherHours: 3,
      exemptedHours: 15,
      initialFundedHours: 10,
      refresherFundedHours: 0,
      claimableHours: 10,
    });
    const claims = (
      await at(importerTool).get("/api/hours/claims?academicYear=2025/26").set(bearer(b.lead)).expect(200)
    ).body;
    expect(
      claims.schools.reduce(
        (s: number, x: { claimableHours: number; unfundedHours: number }) => s + x.claimableHours + x.unfundedHours,
        0,
      ),
    ).toBe(10);

    const list = (await at(importerTool).get("/api/training-record/recognised").set(bearer(b.mentor)).expect(200)).body
      .records;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ label, issuerHost: new URL(issuerTool.url).host });
    expect(list[0].hours).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "initial", completedHours: 12, exemptedHours: 2 })]),
    );
  });

  it("counts the same record once however often it is imported, and a newer record replaces the older", async () => {
    const again = await importRecord(b.mentor, record).expect(200);
    expect(again.body).toMatchObject({ unchanged: true });
    await log(issuerTool, a.mentor, { date: "2025-12-01", activity: "Initial day 3", hours: 2, kind: "initial" });
    const newer = await download(a.mentor);
    // A lead imports it for the mentor this time.
    expect(
      (await importRecord(b.lead, newer, { mentorUserId: devUsers.mentor }).expect(201)).body.recognisedHours,
    ).toBe(17);
    const entries = await TrainingHoursEntry.find({
      mentorUserId: devUsers.mentor,
      "recognisedFrom.issuerId": `${issuerTool.url}/api/public/issuer`,
    }).lean();
    expect(entries.map((e) => e.hours).sort()).toEqual([14, 3]);
    expect((await importRecord(b.mentor, record).expect(200)).body.unchanged).toBe(true);
  });

  it("refuses a record whose hours were changed, with a sentence saying so", async () => {
    const [h, p, s] = record.split(".");
    const changed = Buffer.from(p, "base64url").toString("utf8").replace('"value":"12"', '"value":"16"');
    expect(changed).not.toBe(Buffer.from(p, "base64url").toString("utf8"));
    const res = await importRecord(b.mentor2, [h, Buffer.from(changed).toString("base64url"), s].join(".")).expect(400);
    expect(res.body.error.message).toMatch(
      /^This training record was not signed by .* with the key it publishes, or it has been changed since it was signed, so it is not recognised\./,
    );
    expect(res.body.error.details.fields[0]).toMatchObject({ field: "body.credential", label: "Training record" });
  });

  it("refuses a record signed with another key in the issuer's name", async () => {
    const vc = payloadOf(record);
    const forged = badgeKey(OTHER_KEY);
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(vc)))
      .setProtectedHeader({
        alg: "EdDSA",
        typ: "vc+jwt",
        kid: badgeKey("test-lti-key-0123456789abcdef0123456789abcdef").kid,
      })
      .sign(forged.privateKey);
    const res = await importRecord(b.mentor, jwt).expect(400);
    expect(res.body.error.message).toMatch(/not signed by .* with the key it publishes/);
    const otherKid = await new CompactSign(new TextEncoder().encode(JSON.stringify(vc)))
      .setProtectedHeader({ alg: "EdDSA", kid: forged.kid })
      .sign(forged.privateKey);
    expect((await importRecord(b.mentor, otherKid).expect(400)).body.error.message).toMatch(
      /not signed by .* with the key it publishes/,
    );
  });

  it("refuses an issuer address outside the rules, text that is not a record, another mentor's record, and strangers", async () => {
    const vc = {
      ...payloadOf(record),
      issuer: { ...payloadOf(record).issuer, id: "https://169.254.169.254/latest/meta-data" },
    };
    const key = badgeKey(OTHER_KEY);
    const metadata = await new CompactSign(new TextEncoder().encode(JSON.stringify(vc)))
      .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
      .sign(key.privateKey);
    expect((await importRecord(b.mentor, metadata).expect(400)).body.error.message).toMatch(
      /link-local address \(169\.254\.169\.254\).*not recognised/,
    );

    const bad = await importRecord(b.mentor, "not a record").expect(400);
    expect(bad.body.error.message).toMatch(/Training record is not a signed training record/);
    const empty = await importRecord(b.mentor, "").expect(400);
    expect(empty.body.error.message).toMatch(/Training record is required/);

    const someoneElse = await importRecord(b.mentor2, record).expect(400);
    expect(someoneElse.body.error.message).toMatch(/^This training record is about Alex Morgan, not /);
    await at(importerTool).post("/api/training-record/import").send({ credential: record }).expect(401);
    await importRecord(b.mentor2, record, { mentorUserId: devUsers.mentor }).expect(404);
    await importRecord(b.otherTutor, record, { mentorUserId: devUsers.mentor }).expect(404);
    await at(importerTool)
      .get(`/api/training-record/recognised?mentorUserId=${devUsers.mentor}`)
      .set(bearer(b.mentor2))
      .expect(404);
    await at(importerTool)
      .get(`/api/training-record/recognised?mentorUserId=${devUsers.mentor}`)
      .set(bearer(b.otherTutor))
      .expect(404);
  });

  it("leaves recognised hours out of the record a mentor takes on elsewhere", async () => {
    const fromImporter = payloadOf(await download2(b.mentor));
    const hours = fromImporter.credentialSubject.verifiableCredential.filter(
      (c: { credentialSubject: { achievement: { achievementType: string } } }) =>
        c.credentialSubject.achievement.achievementType === "ext:MentorTraining",
    );
    expect(
      hours.map(
        (c: { credentialSubject: { result: Array<{ value: string }> } }) => c.credentialSubject.result[0].value,
      ),
    ).toEqual(["10"]);
  });
});

async function download2(token: string): Promise<string> {
  const res = await at(importerTool)
    .get("/api/training-record")
    .set(bearer(token))
    .buffer(true)
    .parse((r, cb) => {
      let text = "";
      r.on("data", (c: Buffer) => (text += c.toString("utf8")));
      r.on("end", () => cb(null, text));
    });
  expect(res.status).toBe(200);
  return res.body as string;
}
