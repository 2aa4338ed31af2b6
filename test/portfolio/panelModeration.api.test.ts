import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import type { RunningTool } from "../../server/src/boot";
import { Certificate } from "../../server/src/models/certificate";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { DecisionEntry } from "../../server/src/models/decisionEntry";
import { PanelRound } from "../../server/src/models/panelRound";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import type { TModeration } from "../../server/src/programme/panelRules";
import { bearer } from "../support/launch";
import { startTestTool } from "../support/server";
import { badFields, dayFromToday, panelCourse, passModules, submitQms, type Launched } from "./support";

const standards = defaultProgramme().standards.map((s) => s.code);
const judged = (unmet: string[] = []) =>
  standards.map((code) =>
    unmet.includes(code)
      ? { standardCode: code, judgement: "more_evidence", comment: `Add dated evidence for standard ${code}` }
      : { standardCode: code, judgement: "met", comment: "" },
  );

let tool: RunningTool;
let programmeVersion = 20;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => tool?.close());

/** A course of its own with a mentor, two tutors on a round and a lead, under the given moderation rule. */
async function course(name: string, moderation: Partial<TModeration>, creditFor?: string) {
  const { courseId, mentor, t1, t2, lead } = await panelCourse(tool, name);
  const base = defaultProgramme();
  const programme = {
    ...base,
    version: programmeVersion++,
    panel: { ...base.panel, moderation: { ...base.panel.moderation, ...moderation } },
    creditRule: creditFor ? { ...base.creditRule, requiredQualification: creditFor } : base.creditRule,
  };
  await assignProgramme({
    tenantId: mentor.tenantId,
    contextId: courseId,
    programme: await storeProgrammeVersion({ tenantId: mentor.tenantId, definition: programme, loadedBy: null }),
    assignedBy: lead.userId,
  });
  const round = await request(tool.url)
    .post("/api/panel/rounds")
    .set(bearer(lead.token))
    .send({ name: `${name} panel`, date: dayFromToday(5), memberUserIds: [t1.userId, t2.userId] })
    .expect(201);
  return { courseId, mentor, t1, t2, lead, roundId: round.body.id as string };
}

const review = (who: Launched, versionId: string, body: Record<string, unknown>) =>
  request(tool.url).post(`/api/panel/versions/${versionId}/review`).set(bearer(who.token)).send(body);

/** The lead moves the round's date to today (the panel has met) and releases it. */
async function meetAndRelease(c: Awaited<ReturnType<typeof course>>) {
  const round = await PanelRound.findById(c.roundId).lean();
  await request(tool.url)
    .patch(`/api/panel/rounds/${c.roundId}`)
    .set(bearer(c.lead.token))
    .send({ date: dayFromToday(0), expectedVersion: round!.version })
    .expect(200);
  const detail = await request(tool.url).get(`/api/panel/rounds/${c.roundId}`).set(bearer(c.lead.token)).expect(200);
  return request(tool.url)
    .post(`/api/panel/rounds/${c.roundId}/release`)
    .set(bearer(c.lead.token))
    .send({ expectedVersion: detail.body.version });
}

describe("judgements and outcome agree", () => {
  it("refuses an approval with unmet standards, and a resubmission without a suggestion per unmet standard, naming the fields", async () => {
    const c = await course("agree", { samplePercent: 0 });
    const { versionId } = await submitQms(tool, c.mentor);
    const inconsistent = await review(c.t1, versionId, {
      outcome: "approved",
      summary: "Good",
      judgements: judged(standards),
    });
    expect(inconsistent.status).toBe(400);
    expect(badFields(inconsistent.body)).toEqual(["body.outcome"]);
    expect(inconsistent.body.error.message).toMatch(/Outcome.*"Approved" only when every standard is met/);
    const noSuggestion = await review(c.t1, versionId, {
      outcome: "resubmit",
      summary: "Thin",
      judgements: judged(["2"]).map((j) => ({ ...j, comment: "" })),
    });
    expect(noSuggestion.status).toBe(400);
    expect(badFields(noSuggestion.body)).toEqual(["body.judgements.1.comment"]);
    expect(noSuggestion.body.error.details.fields[0].label).toBe("Suggestion or comment on standard 2");
    const missing = await review(c.t1, versionId, {
      outcome: "resubmit",
      summary: "Thin",
      judgements: judged(["2"]).slice(0, 2),
    });
    expect(missing.status).toBe(400);
    expect(badFields(missing.body)).toEqual(["body.judgements"]);
    // Nothing was written by the refused requests: the reviewer can still record, in one request.
    const ok = await review(c.t1, versionId, { outcome: "resubmit", summary: "Thin", judgements: judged(["2"]) });
    expect(ok.status).toBe(201);
    expect(
      ok.body.feedback.judgements.filter((j: { reviewerUserId: string }) => j.reviewerUserId === c.t1.userId),
    ).toHaveLength(4);
  });
});

describe("moderation and release", () => {
  it("one reviewer alone issues nothing; two who agree confirm; nothing reaches the mentor before release; release issues the dated certificate and tells the mentor", async () => {
    const c = await course("agreed", { samplePercent: 0 });
    const { portfolioId, versionId } = await submitQms(tool, c.mentor);
    const first = await review(c.t1, versionId, { outcome: "approved", summary: "Strong.", judgements: judged() });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe("in_review");
    expect(first.body.feedback.decision).toBeNull();
    expect(await Certificate.countDocuments({ mentorUserId: c.mentor.userId })).toBe(0);

    const second = await review(c.t2, versionId, { outcome: "approved", summary: "Agreed.", judgements: judged() });
    expect(second.body.status).toBe("approved");
    expect(second.body.feedback.decision).toMatchObject({ basis: "agreed_reviews", releasedAt: null });
    // Decided, not released: no certificate, the mentor sees it with the panel.
    expect(await Certificate.countDocuments({ mentorUserId: c.mentor.userId })).toBe(0);
    const mentorView = await request(tool.url)
      .get(`/api/portfolios/${portfolioId}/versions/1`)
      .set(bearer(c.mentor.token))
      .expect(200);
    expect(mentorView.body.status).toBe("in_review");
    expect(mentorView.body.feedback).toMatchObject({ decision: null, judgements: [], reviews: [] });
    expect((await request(tool.url).get("/api/certificates").set(bearer(c.mentor.token))).body.certificates).toEqual(
      [],
    );
    expect((await request(tool.url).get("/api/notices").set(bearer(c.mentor.token))).body.notices).toEqual([]);

    // Release waits for the panel's date; only the lead releases.
    const detail = await request(tool.url).get(`/api/panel/rounds/${c.roundId}`).set(bearer(c.lead.token));
    expect(detail.body.release).toMatchObject({ decided: 1, undecided: 0, canRelease: false, releasedAt: null });
    const early = await request(tool.url)
      .post(`/api/panel/rounds/${c.roundId}/release`)
      .set(bearer(c.lead.token))
      .send({ expectedVersion: detail.body.version });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/released after the panel meets/);
    expect(
      (
        await request(tool.url)
          .post(`/api/panel/rounds/${c.roundId}/release`)
          .set(bearer(c.t1.token))
          .send({ expectedVersion: detail.body.version })
      ).status,
    ).toBe(403);
    const released = await meetAndRelease(c);
    expect(released.status).toBe(200);
    expect(released.body.release.releasedAt).not.toBeNull();

    const cert = await Certificate.findOne({ mentorUserId: c.mentor.userId }).lean();
    expect(cert!.issuedAt.toISOString()).toBe(released.body.release.releasedAt);
    const after = await request(tool.url).get(`/api/portfolios/${portfolioId}/versions/1`).set(bearer(c.mentor.token));
    expect(after.body.status).toBe("approved");
    const notices = (await request(tool.url).get("/api/notices").set(bearer(c.mentor.token))).body.notices;
    // Told of the outcome (linking to the version's feedback per standard) and of the certificate (#17 item 5).
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "outcome_released",
          title: "Your QMS portfolio is approved",
          link: `/portfolio/${portfolioId}/versions/1`,
        }),
        expect.objectContaining({ kind: "certificate_issued", link: "/credentials" }),
      ]),
    );
    expect(notices).toHaveLength(2);
  });

  it("sends a disagreement to the lead's queue with both reviews side by side; per-standard suggestions reach the mentor on release", async () => {
    const c = await course("disagree", { samplePercent: 0, firstResubmissions: false });
    const { portfolioId, versionId } = await submitQms(tool, c.mentor);
    await review(c.t1, versionId, { outcome: "approved", summary: "Strong.", judgements: judged() }).expect(201);
    const second = await review(c.t2, versionId, {
      outcome: "resubmit",
      summary: "Thin on 4.",
      judgements: judged(["4"]),
    });
    expect(second.status).toBe(201);
    expect(second.body.status).toBe("needs_lead_decision");
    expect((await request(tool.url).get("/api/panel/moderation").set(bearer(c.t1.token))).status).toBe(403);
    const queue = await request(tool.url).get("/api/panel/moderation").set(bearer(c.lead.token)).expect(200);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({ reason: "disagreement", version: { id: versionId } });
    expect(
      queue.body.items[0].reviews.map((r: { reviewerUserId: string; outcome: string }) => [
        r.reviewerUserId,
        r.outcome,
      ]),
    ).toEqual([
      [c.t1.userId, "approved"],
      [c.t2.userId, "resubmit"],
    ]);
    expect(
      queue.body.items[0].reviews[1].judgements.find((j: { standardCode: string }) => j.standardCode === "4"),
    ).toMatchObject({ judgement: "more_evidence", comment: "Add dated evidence for standard 4" });
    expect(
      (
        await request(tool.url)
          .post(`/api/panel/rounds/${c.roundId}/release`)
          .set(bearer(c.lead.token))
          .send({ expectedVersion: 0 })
      ).status,
    ).toBe(409);

    const decided = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/decision`)
      .set(bearer(c.lead.token))
      .send({ outcome: "resubmit", summary: "Resubmit with standard 4.", suggestions: "See standard 4." });
    expect(decided.status).toBe(201);
    expect(decided.body.feedback.decision).toMatchObject({ outcome: "resubmit", basis: "lead_resolution" });
    expect((await request(tool.url).get("/api/panel/moderation").set(bearer(c.lead.token))).body.items).toEqual([]);
    expect((await meetAndRelease(c)).status).toBe(200);
    const mentorView = await request(tool.url)
      .get(`/api/portfolios/${portfolioId}/versions/1`)
      .set(bearer(c.mentor.token));
    expect(mentorView.body.status).toBe("resubmit");
    expect(
      mentorView.body.feedback.judgements.find(
        (j: { reviewerUserId: string; standardCode: string }) =>
          j.reviewerUserId === c.t2.userId && j.standardCode === "4",
      ).comment,
    ).toBe("Add dated evidence for standard 4");
    expect(await Certificate.countDocuments({ mentorUserId: c.mentor.userId })).toBe(0);
  });

  it("sends a version the sample picks to the lead even when reviewers agree", async () => {
    const c = await course("sampled", { samplePercent: 100 });
    const { versionId } = await submitQms(tool, c.mentor);
    await review(c.t1, versionId, { outcome: "approved", summary: "Strong.", judgements: judged() }).expect(201);
    const second = await review(c.t2, versionId, { outcome: "approved", summary: "Agreed.", judgements: judged() });
    expect(second.body.status).toBe("needs_lead_decision");
    const queue = await request(tool.url).get("/api/panel/moderation").set(bearer(c.lead.token));
    expect(queue.body.items.map((i: { reason: string }) => i.reason)).toEqual(["sample"]);
    const confirmed = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/decision`)
      .set(bearer(c.lead.token))
      .send({ outcome: "approved", summary: "Confirmed on moderation." });
    expect(confirmed.body.feedback.decision.basis).toBe("lead_moderation");
  });
});

describe("revocation and the decision record", () => {
  it("revokes end to end (verification, status list, credit line, mentor told) and the record detects a changed entry", async () => {
    // QMS earns the credit here, so revoking it has a credit line to reverse.
    const c = await course("revoke", { samplePercent: 0 }, "QMS");
    await passModules(c.mentor, ["M1", "M2", "M3", "M4", "M5", "M6"]);
    const { versionId } = await submitQms(tool, c.mentor);
    await review(c.t1, versionId, { outcome: "approved", summary: "Strong.", judgements: judged() }).expect(201);
    await review(c.t2, versionId, { outcome: "approved", summary: "Agreed.", judgements: judged() }).expect(201);
    expect((await meetAndRelease(c)).status).toBe(200);
    const [cert] = (await request(tool.url).get("/api/certificates").set(bearer(c.mentor.token))).body.certificates;
    const badge = JSON.parse(
      (
        await request(tool.url)
          .get(`/api/certificates/${cert.id}/badge`)
          .set(bearer(c.mentor.token))
          .buffer(true)
          .parse((res, cb) => {
            let d = "";
            res.on("data", (x: Buffer) => (d += x));
            res.on("end", () => cb(null, d));
          })
      ).body,
    );
    expect(badge.credentialStatus).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation" });
    const statusPath = new URL(badge.credentialStatus.statusListCredential).pathname;
    const listBefore = await request(tool.url).get(statusPath).set("Accept", "application/vc+ld+json");
    expect(listBefore.status).toBe(200);
    const bitsBefore = await decodeList({ encodedList: JSON.parse(listBefore.text).credentialSubject.encodedList });
    expect(bitsBefore.getStatus(Number(badge.credentialStatus.statusListIndex))).toBe(false);

    // Who may revoke: a lead, with a reason.
    expect(
      (
        await request(tool.url)
          .post(`/api/certificates/${cert.id}/revoke`)
          .set(bearer(c.t1.token))
          .send({ reason: "Evidence found to be another mentor's." })
      ).status,
    ).toBe(403);
    const noReason = await request(tool.url)
      .post(`/api/certificates/${cert.id}/revoke`)
      .set(bearer(c.lead.token))
      .send({ reason: "" });
    expect(noReason.status).toBe(400);
    const revoked = await request(tool.url)
      .post(`/api/certificates/${cert.id}/revoke`)
      .set(bearer(c.lead.token))
      .send({ reason: "Evidence found to be another mentor's." });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");

    const page = await request(tool.url).get(`/verify/${cert.verificationCode}`);
    expect(page.text).toMatch(/Revoked on \d{1,2} \w+ \d{4}/);
    const listAfter = await request(tool.url).get(statusPath);
    const bitsAfter = await decodeList({ encodedList: JSON.parse(listAfter.text).credentialSubject.encodedList });
    expect(bitsAfter.getStatus(Number(badge.credentialStatus.statusListIndex))).toBe(true);
    const credit = await CreditLedgerEntry.find({ mentorUserId: c.mentor.userId, contextId: c.courseId })
      .sort({ seq: 1 })
      .lean();
    expect(credit.map((l) => l.kind)).toEqual(["award", "reversal"]);
    const notices = (await request(tool.url).get("/api/notices").set(bearer(c.mentor.token))).body.notices;
    expect(notices[0]).toMatchObject({ kind: "certificate_revoked" });
    expect(notices[0].body).toMatch(/Evidence found to be another mentor's/);

    // The decision record: per mentor, CSV, and intact until an entry is changed in the database.
    expect((await request(tool.url).get("/api/decisions").set(bearer(c.t1.token))).status).toBe(403);
    const record = await request(tool.url)
      .get("/api/decisions")
      .query({ mentorUserId: c.mentor.userId })
      .set(bearer(c.lead.token))
      .expect(200);
    expect(record.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      "judgement",
      "outcome",
      "judgement",
      "outcome",
      "decision",
      "revocation",
      "reversal",
    ]);
    expect(record.body.entries.find((e: { kind: string }) => e.kind === "revocation")).toMatchObject({
      actor: { userId: c.lead.userId, role: "programme lead" },
      before: expect.stringMatching(/^issued/),
      after: "revoked",
      reason: "Evidence found to be another mentor's.",
    });
    const byRound = await request(tool.url)
      .get("/api/decisions")
      .query({ roundId: c.roundId })
      .set(bearer(c.lead.token));
    expect(byRound.body.entries.map((e: { kind: string }) => e.kind)).toContain("release");
    const csv = await request(tool.url).get("/api/decisions/export.csv").set(bearer(c.lead.token));
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.text.split("\r\n")[0]).toMatch(/^seq,at,kind,actor/);
    expect(csv.text).toMatch(/revocation/);
    expect((await request(tool.url).get("/api/decisions/verify").set(bearer(c.lead.token))).body).toMatchObject({
      isIntact: true,
      problems: [],
    });

    const tampered = await DecisionEntry.findOne({ contextId: c.courseId, kind: "outcome" }).lean();
    await DecisionEntry.updateOne({ _id: tampered!._id }, { $set: { after: "approved", reason: "changed later" } });
    const check = await request(tool.url).get("/api/decisions/verify").set(bearer(c.lead.token));
    expect(check.body.isIntact).toBe(false);
    expect(check.body.problems).toEqual([
      { seq: tampered!.seq, problem: expect.stringMatching(/content has been changed/) },
    ]);
    const removed = await DecisionEntry.findOne({ contextId: c.courseId, kind: "release" }).lean();
    await DecisionEntry.deleteOne({ _id: removed!._id });
    const afterDelete = await request(tool.url).get("/api/decisions/verify").set(bearer(c.lead.token));
    expect(afterDelete.body.problems.map((p: { problem: string }) => p.problem).join(" ")).toMatch(/missing/);
  });

  it("keeps one chain when appends race", async () => {
    const { appendDecision } = await import("../../server/src/commands/decisionRecord");
    const { verifyDecisionChain } = await import("../../server/src/queries/decisionChain");
    const scope = { tenantId: "race-tenant", contextId: "race-course" };
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendDecision({
          ...scope,
          kind: "mark_change",
          actor: { userId: `u${i}`, name: `U ${i}`, roles: ["tutor"] },
          subject: `mark:${i}`,
          after: String(i),
        }),
      ),
    );
    const entries = await DecisionEntry.find(scope).sort({ seq: 1 }).lean();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await verifyDecisionChain(scope)).toMatchObject({ entries: 12, isIntact: true });
  });
});
