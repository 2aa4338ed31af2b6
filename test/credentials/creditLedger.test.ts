import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { awardCreditsIfEligible } from "../../server/src/commands/creditAwarder";
import { issueCertificate } from "../../server/src/commands/issueCertificate";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { startTestTool } from "../support/server";
import { bearer, devCourse, devUsers } from "../support/launch";
import { buildApproval, buildPassedModules, devTenantId, launchEveryDevUser } from "./factories";

let tool: RunningTool;
let tenantId: string;
const tokens: Record<string, string> = {};
const allModules = ["M1", "M2", "M3", "M4", "M5", "M6"];

beforeAll(async () => {
  tool = await startTestTool();
  Object.assign(tokens, await launchEveryDevUser(tool));
  tenantId = await devTenantId(tool);
});
afterAll(async () => tool?.close());

const api = () => request(tool.url);

/** A mentor who meets the default credit rule in the dev course; returns their award id. */
async function buildEligibleMentor(mentorUserId: string, contextId = devCourse): Promise<string> {
  await buildPassedModules({ tenantId, contextId, mentorUserId, codes: allModules });
  await buildApproval({ tenantId, contextId, mentorUserId });
  const outcome = await awardCreditsIfEligible({ tenantId, contextId, mentorUserId });
  return outcome.awardId!;
}

describe("awardCreditsIfEligible", () => {
  it("names what is missing and writes nothing until the rule is met", async () => {
    const mentorUserId = "ledger-mentor-partial";
    await buildPassedModules({ tenantId, contextId: devCourse, mentorUserId, codes: ["M1", "M2", "M3"] });
    expect(await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId })).toEqual({
      awarded: false,
      missing: ["module:M4", "module:M5", "module:M6", "qualification:MASTERY"],
    });
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId, qualificationCode: "ENTRY" });
    expect((await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId })).missing).toContain(
      "qualification:MASTERY",
    );
    expect(await CreditLedgerEntry.countDocuments({ mentorUserId })).toBe(0);
  });

  it("writes exactly one provisional award under 10 concurrent and repeated triggers", async () => {
    const mentorUserId = "ledger-mentor-race";
    await buildPassedModules({ tenantId, contextId: devCourse, mentorUserId, codes: allModules });
    // The certificate alone (no trigger yet), so the ten calls below race for the first write.
    await issueCertificate({
      tenantId,
      contextId: devCourse,
      mentorUserId,
      qualificationCode: "MASTERY",
      portfolioId: "p-race",
      versionId: "v-race",
      versionNumber: 1,
      approvedBy: devUsers.tutor,
      approvedAt: new Date(),
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId })),
    );
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId });
    await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId });

    const awards = await CreditLedgerEntry.find({ mentorUserId, kind: "award" }).lean();
    expect(awards).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.awardId))).toEqual(new Set([awards[0]._id.toString()]));
    expect(outcomes.every((o) => o.awarded)).toBe(true);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(awards[0]).toMatchObject({
      credits: 30,
      fheqLevel: 7,
      ruleCode: "M-LEVEL-30",
      qualificationCode: "MASTERY",
      transcriptCode: "MENT7030",
      provisionalDelta: 1,
    });
    expect(awards[0].programmeVersionId).toEqual(expect.any(String));
    expect(awards[0].evidence.map((e) => e.condition)).toEqual([
      ...allModules.map((m) => `module:${m}`),
      "qualification:MASTERY",
    ]);
  });
});

describe("GET /api/credits", () => {
  it("401 without a launch, 400 naming the field, mentors see only their own, other courses nothing", async () => {
    const awardId = await buildEligibleMentor(devUsers.mentor);
    await api().get("/api/credits").expect(401);
    const bad = await api().get("/api/credits?from=yesterday").set(bearer(tokens.lead)).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("query.from");

    const mine = await api().get("/api/credits").set(bearer(tokens.mentor)).expect(200);
    expect(mine.body.awards.map((a: { id: string }) => a.id)).toEqual([awardId]);
    expect(mine.body.awards[0]).toMatchObject({ status: "provisional", credits: 30, fheqLevel: 7 });
    expect((await api().get("/api/credits").set(bearer(tokens.mentor2)).expect(200)).body.awards).toEqual([]);
    await api().get(`/api/credits/${awardId}`).set(bearer(tokens.mentor2)).expect(404);
    await api().get(`/api/credits/${awardId}`).set(bearer(tokens.tutorOther)).expect(404);
    expect((await api().get("/api/credits").set(bearer(tokens.tutorOther)).expect(200)).body.awards).toEqual([]);
    const forLead = await api()
      .get(`/api/credits?mentorUserId=${devUsers.mentor}&status=provisional`)
      .set(bearer(tokens.lead))
      .expect(200);
    expect(forLead.body.awards.map((a: { id: string }) => a.id)).toEqual([awardId]);
  });
});

describe("ratification and reversal", () => {
  it("only a lead ratifies, once; it reaches the gradebook; reversal is a new line and the award is never edited", async () => {
    const mentorUserId = "ledger-mentor-decisions";
    const awardId = await buildEligibleMentor(mentorUserId);
    const awardBefore = await CreditLedgerEntry.findById(awardId).lean();

    await api().post(`/api/credits/${awardId}/ratify`).send({}).expect(401);
    await api()
      .post(`/api/credits/not-an-id/ratify`)
      .set(bearer(tokens.lead))
      .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      .expect(400);
    await api()
      .post(`/api/credits/${awardId}/ratify`)
      .set(bearer(tokens.tutor))
      .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      .expect(403);
    await api()
      .post(`/api/credits/${awardId}/ratify`)
      .set(bearer(tokens.tutorOther))
      .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      .expect(404);

    const racing = await Promise.all(
      Array.from({ length: 10 }, () =>
        api()
          .post(`/api/credits/${awardId}/ratify`)
          .set(bearer(tokens.lead))
          .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11", note: "Exam board 2026-11" }),
      ),
    );
    expect(racing.filter((r) => r.status === 200)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409)).toHaveLength(9);
    const ratified = racing.find((r) => r.status === 200)!.body;
    expect(ratified.status).toBe("ratified");
    expect(ratified.history.map((h: { kind: string }) => h.kind)).toEqual(["award", "ratification"]);

    const grades = await GradeRecord.find({ mentorUserId, "source.kind": "credit" }).lean();
    expect(grades).toHaveLength(1);
    expect(grades[0]).toMatchObject({
      scoreGiven: 30,
      lineItem: { resourceId: "credit:M-LEVEL-30", label: "M-level credit (30 credits)", scoreMaximum: 30 },
    });

    const noReason = await api().post(`/api/credits/${awardId}/reverse`).set(bearer(tokens.lead)).send({}).expect(400);
    expect(noReason.body.error.details.fields[0].field).toBe("body.reason");
    await api()
      .post(`/api/credits/${awardId}/reverse`)
      .set(bearer(tokens.mentor))
      .send({ reason: "Recorded in error" })
      .expect(404);
    const reversed = await api()
      .post(`/api/credits/${awardId}/reverse`)
      .set(bearer(tokens.lead))
      .send({ reason: "Recorded in error" })
      .expect(200);
    expect(reversed.body.status).toBe("reversed");
    expect(reversed.body.history.map((h: { kind: string }) => h.kind)).toEqual(["award", "ratification", "reversal"]);
    await api().post(`/api/credits/${awardId}/reverse`).set(bearer(tokens.lead)).send({ reason: "Again" }).expect(409);
    await api()
      .post(`/api/credits/${awardId}/ratify`)
      .set(bearer(tokens.lead))
      .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      .expect(409);

    expect(await CreditLedgerEntry.findById(awardId).lean()).toEqual(awardBefore);
    const withdrawn = await GradeRecord.find({ mentorUserId, "source.kind": "credit" }).sort({ gradedAt: 1 }).lean();
    expect(withdrawn.map((g) => g.scoreGiven)).toEqual([30, 0]);
    // A new trigger after reversal does not write a second award for the same programme version.
    await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId });
    expect(await CreditLedgerEntry.countDocuments({ mentorUserId, kind: "award" })).toBe(1);
  });
});

describe("GET /api/credits/transcript.csv", () => {
  it("gives the lead a CSV line per award with its status; others are refused", async () => {
    const provisionalId = await buildEligibleMentor("transcript-mentor-a");
    const ratifiedId = await buildEligibleMentor("transcript-mentor-b");
    await api()
      .post(`/api/credits/${ratifiedId}/ratify`)
      .set(bearer(tokens.lead))
      .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      .expect(200);

    await api().get("/api/credits/transcript.csv").expect(401);
    await api().get("/api/credits/transcript.csv").set(bearer(tokens.tutor)).expect(403);
    await api().get("/api/credits/transcript.csv").set(bearer(tokens.mentor)).expect(403);
    const bad = await api().get("/api/credits/transcript.csv?status=maybe").set(bearer(tokens.lead)).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe("query.status");

    const csv = await api().get("/api/credits/transcript.csv").set(bearer(tokens.lead)).expect(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toMatch(
      /attachment; filename="credit-transcript-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "student_id,email,given_name,family_name,mentor_name,lms_user_id,programme,programme_version,code,qualification,credits,fheq_level,award_date,status,exam_board_date,exam_board_reference,module_marks",
    );
    const today = new Date().toISOString().slice(0, 10);
    // Mentors built by the factory never launched: no identity from the LMS, no marks recorded.
    expect(lines).toContain(
      `,,,,transcript-mentor-a,transcript-mentor-a,MENTOR-DEV,1,MENT7030,MASTERY,30,7,${today},provisional,,,`,
    );
    expect(lines).toContain(
      `,,,,transcript-mentor-b,transcript-mentor-b,MENTOR-DEV,1,MENT7030,MASTERY,30,7,${today},ratified,2026-11-20,EB-2026-11,`,
    );

    const onlyRatified = await api()
      .get("/api/credits/transcript.csv?status=ratified")
      .set(bearer(tokens.lead))
      .expect(200);
    expect(onlyRatified.text).toContain("transcript-mentor-b");
    expect(onlyRatified.text).not.toContain("transcript-mentor-a");
    expect(provisionalId).not.toBe(ratifiedId);
  });
});
