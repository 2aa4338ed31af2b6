import request from "supertest";
import { sweepDecisionFollowUps } from "../../server/src/commands/panelDecisionFollowUps";
import { Certificate } from "../../server/src/models/certificate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { PanelDecision } from "../../server/src/models/panelReview";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { bearer, devUsers, otherCourse } from "../support/launch";
import { startTestTool } from "../support/server";
import {
  addEvidence,
  badFields,
  confirmOutcome,
  dayFromToday,
  include,
  launch,
  openPortfolio,
  passModules,
  pngBytes,
  releaseAfterPanel,
  type Launched,
} from "./support";

let tool: RunningTool;
let mentor: Launched;
let mentor2: Launched;
let tutor: Launched;
let tutor2: Launched;
let lead: Launched;
let tutorElsewhere: Launched;

const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator";
const standardCodes = defaultProgramme().standards.map((s) => s.code);
const allJudgements = (judgement: "met" | "more_evidence") => ({
  judgements: defaultProgramme().standards.map((s) => ({
    standardCode: s.code,
    judgement,
    comment: `Standard ${s.code}: ${judgement}`,
  })),
});

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  tutor = await launch(tool, devUsers.tutor);
  tutor2 = await launch(tool, "dev-tutor-2");
  lead = await launch(tool, devUsers.lead);
  tutorElsewhere = await launch(tool, devUsers.tutor, otherCourse);
});
afterAll(async () => tool?.close());

describe("portfolios and submission", () => {
  it("answers 401, 400, 403 and 404 as it should", async () => {
    expect((await request(tool.url).get("/api/portfolios")).status).toBe(401);
    const unknown = await request(tool.url)
      .post("/api/portfolios")
      .set(bearer(mentor.token))
      .send({ qualificationCode: "PHD" });
    expect(unknown.status).toBe(400);
    expect(badFields(unknown.body)).toEqual(["body.qualificationCode"]);
    expect(
      (await request(tool.url).post("/api/portfolios").set(bearer(tutor.token)).send({ qualificationCode: "ENTRY" }))
        .status,
    ).toBe(403);
    const own = await openPortfolio(tool, mentor, "QMS");
    for (const who of [mentor2, tutor, lead, tutorElsewhere]) {
      expect((await request(tool.url).get(`/api/portfolios/${own.id}`).set(bearer(who.token))).status).toBe(404);
      expect(
        (
          await request(tool.url)
            .post(`/api/portfolios/${own.id}/submit`)
            .set(bearer(who.token))
            .send({ expectedVersion: 0 })
        ).status,
      ).toBe(404);
    }
    const list = await request(tool.url).get("/api/portfolios").set(bearer(mentor2.token));
    expect(list.body.portfolios).toEqual([]);
    expect(list.body.qualifications.map((q: { code: string }) => q.code)).toEqual(["ENTRY", "MASTERY", "QMS", "QLMS"]);
  });

  it("shows coverage per descriptor and says when Mastery's year-long span is not met", async () => {
    const portfolio = await openPortfolio(tool, mentor2, "MASTERY");
    const early = await addEvidence(tool, mentor2, {
      practiceDate: "2025-09-15",
      standards: [{ standardCode: "2", descriptorCode: "2.4", note: "" }],
    });
    const late = await addEvidence(tool, mentor2, {
      practiceDate: "2026-01-10",
      standards: [
        { standardCode: "2", descriptorCode: "2.4", note: "" },
        { standardCode: "3", descriptorCode: null, note: "" },
      ],
    });
    await include(tool, mentor2, portfolio.id, early.id);
    await include(tool, mentor2, portfolio.id, late.id);
    const coverage = await request(tool.url).get(`/api/portfolios/${portfolio.id}/coverage`).set(bearer(mentor2.token));
    expect(coverage.status).toBe(200);
    const teaching = coverage.body.standards.find((s: { code: string }) => s.code === "2");
    expect(teaching.descriptors.find((d: { code: string }) => d.code === "2.4")).toMatchObject({
      count: 2,
      latestDate: "2026-01-10",
    });
    expect(coverage.body.standards.find((s: { code: string }) => s.code === "3").general.count).toBe(1);
    expect(coverage.body.span).toMatchObject({
      firstDate: "2025-09-15",
      lastDate: "2026-01-10",
      days: 117,
      requiredDays: 270,
      isMet: false,
    });
    expect(coverage.body.gaps.join(" ")).toMatch(/Standard 4 .* has no evidence/);
    expect(coverage.body.academicYears).toEqual([
      { label: "2025/26", start: "2025-09-01", end: "2026-08-31", count: 2 },
    ]);

    await passModules(mentor2, ["M1", "M2", "M3", "M4", "M5", "M6"]);
    const refused = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor2.token))
      .send({ expectedVersion: portfolio.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/spans 117 days.*at least 270/);
  });

  it("refuses submission until the required modules are complete, and the prior-learning flag where it is not open", async () => {
    const portfolio = await openPortfolio(tool, mentor, "ENTRY");
    const item = await addEvidence(tool, mentor);
    await include(tool, mentor, portfolio.id, item.id);
    const early = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor.token))
      .send({ expectedVersion: portfolio.version });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/Complete modules M1, M2 first/);
    const prior = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor.token))
      .send({ priorLearning: true, expectedVersion: portfolio.version });
    expect(prior.status).toBe(400);
    expect(badFields(prior.body)).toEqual(["body.priorLearning"]);
    expect(await PortfolioVersion.countDocuments({ portfolioId: portfolio.id })).toBe(0);
  });
});

describe("the panel: rounds, judging, resubmission", () => {
  it("snapshots a version the panel judges; the version never changes; a resubmission shows what changed", async () => {
    // A mentor submits QMS (prior-learning route) with an attachment, before any round exists.
    await passModules(mentor, ["M1", "M2"]);
    const portfolio = await openPortfolio(tool, mentor, "QMS");
    const item = await addEvidence(tool, mentor, { title: "Mentoring log", practiceDate: "2026-09-20" });
    const file = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor.token))
      .attach("file", pngBytes, { filename: "log.png", contentType: "image/png" });
    expect(file.status).toBe(201);
    await include(tool, mentor, portfolio.id, item.id);
    const narrated = await request(tool.url)
      .patch(`/api/portfolios/${portfolio.id}`)
      .set(bearer(mentor.token))
      .send({ narrativeHtml: "<p>My story<script>x()</script></p>", expectedVersion: portfolio.version });
    expect(narrated.status).toBe(200);
    expect(narrated.body.narrativeHtml).toBe("<p>My story</p>");
    expect(narrated.body.submission).toEqual({ canSubmit: true, reasons: [] });

    // The route asks for a statement of experience (the default route's 200 characters), written on the draft.
    const applied = await request(tool.url)
      .put(`/api/portfolios/${portfolio.id}/prior-learning`)
      .set(bearer(mentor.token))
      .send({
        applying: true,
        statement: "Nine years of mentoring student teachers. ".repeat(6),
        expectedVersion: narrated.body.version,
      });
    expect(applied.status).toBe(200);
    const submitted = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor.token))
      .send({ priorLearning: true, expectedVersion: applied.body.version });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ number: 1, priorLearning: true, status: "awaiting_round", round: null });
    expect(submitted.body.evidence[0]).toMatchObject({
      title: "Mentoring log",
      attachments: [{ filename: "log.png" }],
    });
    const again = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor.token))
      .send({ expectedVersion: narrated.body.version });
    expect(again.status).toBe(409);

    // The submitted version cannot be edited; its evidence cannot be deleted; edits go to the draft only.
    const edit = await request(tool.url)
      .patch(`/api/portfolios/${portfolio.id}/versions/1`)
      .set(bearer(mentor.token))
      .send({ narrativeHtml: "changed" });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/Version 1 was submitted on .* and cannot be changed/);
    expect(
      (await request(tool.url).delete(`/api/portfolios/${portfolio.id}/versions/1`).set(bearer(mentor.token))).status,
    ).toBe(409);
    expect(
      (await request(tool.url).patch(`/api/portfolios/${portfolio.id}/versions/1`).set(bearer(mentor2.token)).send({}))
        .status,
    ).toBe(404);
    const del = await request(tool.url).delete(`/api/evidence/${item.id}`).set(bearer(mentor.token));
    expect(del.status).toBe(409);
    expect(del.body.error.message).toMatch(/part of a submitted portfolio \(QMS version 1\).*Archive it instead/);
    const removedFile = await request(tool.url)
      .delete(`/api/evidence/${item.id}/attachments/${file.body.id}`)
      .set(bearer(mentor.token));
    expect(removedFile.body).toEqual({ result: "archived" });
    const current = await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token));
    expect(current.body.submittedIn).toEqual([{ qualificationCode: "QMS", number: 1 }]);
    // The list says which versions froze each item: this one, and not the mentor's others.
    const loose = await addEvidence(tool, mentor, { title: "Not in any portfolio" });
    const listed = (await request(tool.url).get("/api/evidence").set(bearer(mentor.token)).expect(200)).body.items;
    expect(listed.find((e: { id: string }) => e.id === item.id).submittedIn).toEqual([
      { qualificationCode: "QMS", number: 1 },
    ]);
    expect(listed.find((e: { id: string }) => e.id === loose.id).submittedIn).toEqual([]);
    const renamed = await request(tool.url).patch(`/api/evidence/${item.id}`).set(bearer(mentor.token)).send({
      title: "Mentoring log, revised",
      narrativeHtml: "<p>More detail</p>",
      expectedVersion: current.body.version,
    });
    expect(renamed.status).toBe(200);
    const v1 = await request(tool.url).get(`/api/portfolios/${portfolio.id}/versions/1`).set(bearer(mentor.token));
    expect(v1.body.evidence[0].title).toBe("Mentoring log");
    expect(v1.body.evidence[0].attachments).toHaveLength(1);
    expect(
      (
        await request(tool.url)
          .get(`/api/portfolios/${portfolio.id}/versions/1/attachments/${file.body.id}`)
          .set(bearer(mentor.token))
      ).status,
    ).toBe(200);

    // Rounds: only the lead creates them, with members who are staff of the course.
    const roundBody = { name: "Spring panel", date: dayFromToday(30), memberUserIds: [tutor.userId, tutor2.userId] };
    expect((await request(tool.url).post("/api/panel/rounds").set(bearer(tutor.token)).send(roundBody)).status).toBe(
      403,
    );
    const badMember = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ ...roundBody, memberUserIds: [mentor2.userId] });
    expect(badMember.status).toBe(400);
    expect(badFields(badMember.body)).toEqual(["body.memberUserIds.0"]);
    expect(
      badFields((await request(tool.url).post("/api/panel/rounds").set(bearer(lead.token)).send({ name: "" })).body),
    ).toEqual(expect.arrayContaining(["body.name", "body.date", "body.memberUserIds"]));
    const round = await request(tool.url).post("/api/panel/rounds").set(bearer(lead.token)).send(roundBody);
    expect(round.status).toBe(201);
    expect(round.body).toMatchObject({ name: "Spring panel", status: "open", portfolioCount: 1 });
    expect(round.body.members.map((m: { userId: string; name: string }) => [m.userId, m.name]).sort()).toEqual([
      [tutor.userId, "Dr Jo Reid"],
      [tutor2.userId, "Dr Sam Okoro"],
    ]);

    // Who sees the version: the mentor, the round's members and the lead; nobody else.
    const versionId = submitted.body.id;
    const tutorView = await request(tool.url).get(`/api/panel/versions/${versionId}`).set(bearer(tutor.token));
    expect(tutorView.status).toBe(200);
    expect(tutorView.body).toMatchObject({
      status: "in_review",
      priorLearning: true,
      abilities: { judge: true, review: true, decide: false },
    });
    expect((await request(tool.url).get(`/api/panel/versions/${versionId}`).set(bearer(lead.token))).status).toBe(200);
    expect(
      (await request(tool.url).get(`/api/panel/rounds/${round.body.id}`).set(bearer(tutor.token))).body.portfolios.map(
        (p: { id: string }) => p.id,
      ),
    ).toEqual([versionId]);
    expect(
      (
        await request(tool.url)
          .get(`/api/portfolios/${portfolio.id}/versions/1/attachments/${file.body.id}`)
          .set(bearer(tutor.token))
      ).status,
    ).toBe(200);
    tool.devPlatform!.addUser({
      id: "tutor-not-on-panel",
      name: "Pat Kerr",
      givenName: "Pat",
      familyName: "Kerr",
      email: "pat@university.example",
    });
    tool.devPlatform!.enrol(mentor.courseId, "tutor-not-on-panel", [INSTRUCTOR]);
    const outsider = await launch(tool, "tutor-not-on-panel");
    for (const who of [mentor2, outsider, tutorElsewhere]) {
      expect((await request(tool.url).get(`/api/panel/versions/${versionId}`).set(bearer(who.token))).status).toBe(404);
      expect((await request(tool.url).get(`/api/panel/rounds/${round.body.id}`).set(bearer(who.token))).status).toBe(
        404,
      );
      expect(
        (
          await request(tool.url)
            .put(`/api/panel/versions/${versionId}/judgements`)
            .set(bearer(who.token))
            .send(allJudgements("met"))
        ).status,
      ).toBe(404);
    }
    expect((await request(tool.url).get("/api/panel/rounds").set(bearer(outsider.token))).body.rounds).toEqual([]);
    // The lead sees it but, not sitting on the round, may not judge it.
    expect(
      (
        await request(tool.url)
          .put(`/api/panel/versions/${versionId}/judgements`)
          .set(bearer(lead.token))
          .send(allJudgements("met"))
      ).status,
    ).toBe(403);
    expect(await request(tool.url).get(`/api/panel/versions/${versionId}`)).toHaveProperty("status", 401);

    // Judging: every standard with the outcome, in one request. No fail: resubmit with a suggestion per unmet standard.
    const early = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/review`)
      .set(bearer(tutor.token))
      .send({ outcome: "resubmit", summary: "Good start", suggestions: "More on standard 4" });
    expect(early.status).toBe(400);
    expect(badFields(early.body)).toEqual(["body.judgements"]);
    expect(early.body.error.message).toMatch(/judge every standard/);
    const badJudgement = await request(tool.url)
      .put(`/api/panel/versions/${versionId}/judgements`)
      .set(bearer(tutor.token))
      .send({
        judgements: [
          { standardCode: "9", judgement: "met" },
          { standardCode: "1", judgement: "fail" },
        ],
      });
    expect(badJudgement.status).toBe(400);
    expect(badFields(badJudgement.body)).toEqual(["body.judgements.1.judgement"]);
    const withoutSuggestion = allJudgements("more_evidence").judgements.map((j) =>
      j.standardCode === "4" ? { ...j, comment: "" } : j,
    );
    await request(tool.url)
      .put(`/api/panel/versions/${versionId}/judgements`)
      .set(bearer(tutor.token))
      .send({ judgements: withoutSuggestion })
      .expect(200);
    const noSuggestion = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/review`)
      .set(bearer(tutor.token))
      .send({ outcome: "resubmit", summary: "Good start" });
    expect(noSuggestion.status).toBe(400);
    expect(noSuggestion.body.error.message).toMatch(/standard 4 needs a suggestion/);
    const judged = await request(tool.url)
      .put(`/api/panel/versions/${versionId}/judgements`)
      .set(bearer(tutor.token))
      .send(allJudgements("more_evidence"));
    expect(judged.status).toBe(200);
    expect(judged.body.feedback.judgements).toHaveLength(4);
    const mentorMidway = await request(tool.url)
      .get(`/api/portfolios/${portfolio.id}/versions/1`)
      .set(bearer(mentor.token));
    expect(mentorMidway.body.feedback.judgements).toEqual([]);
    // One reviewer alone decides nothing: the default programme asks for a second review of every outcome.
    const reviewed = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/review`)
      .set(bearer(tutor.token))
      .send({ outcome: "resubmit", summary: "Good start", suggestions: "More on standard 4" });
    expect(reviewed.status).toBe(201);
    expect(reviewed.body).toMatchObject({ status: "in_review", feedback: { decision: null } });
    expect(
      (
        await request(tool.url)
          .post(`/api/panel/versions/${versionId}/review`)
          .set(bearer(tutor.token))
          .send({ outcome: "approved", summary: "Changed my mind", ...allJudgements("met") })
      ).status,
    ).toBe(409);
    // The second reviewer agrees; a first resubmission (or the sample) still goes to the lead, who confirms it.
    const agreed = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/review`)
      .set(bearer(tutor2.token))
      .send({ outcome: "resubmit", summary: "Agreed", ...allJudgements("more_evidence") });
    expect(agreed.status).toBe(201);
    expect(agreed.body).toMatchObject({ status: "needs_lead_decision", feedback: { decision: null } });
    const confirmed = await request(tool.url)
      .post(`/api/panel/versions/${versionId}/decision`)
      .set(bearer(lead.token))
      .send({ outcome: "resubmit", summary: "Good start", suggestions: "More on standard 4" });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.feedback.decision).toMatchObject({
      outcome: "resubmit",
      basis: "lead_moderation",
      decidedBy: { userId: lead.userId },
      releasedAt: null,
    });
    // Until the lead releases the round the mentor sees it with the panel, and nothing of its feedback.
    const mentorBefore = await request(tool.url)
      .get(`/api/portfolios/${portfolio.id}/versions/1`)
      .set(bearer(mentor.token));
    expect(mentorBefore.body).toMatchObject({
      status: "in_review",
      feedback: { decision: null, judgements: [], reviews: [] },
    });
    expect(
      (await request(tool.url).get(`/api/portfolios/${portfolio.id}`).set(bearer(mentor.token))).body.submission
        .canSubmit,
    ).toBe(false);
    await releaseAfterPanel(tool, lead, round.body.id);
    const mentorAfter = await request(tool.url)
      .get(`/api/portfolios/${portfolio.id}/versions/1`)
      .set(bearer(mentor.token));
    expect(mentorAfter.body.status).toBe("resubmit");
    expect(mentorAfter.body.feedback.judgements).toHaveLength(8);
    expect(mentorAfter.body.feedback.decision.suggestions).toBe("More on standard 4");
    // QMS does not report to the gradebook.
    expect(await GradeRecord.countDocuments({ "source.id": versionId })).toBe(0);

    // Resubmission: a new version linked to the first and its feedback, showing what changed. It
    // goes to the next round: a released round takes no more portfolios.
    const nextRound = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ ...roundBody, name: "Summer panel", date: dayFromToday(60) })
      .expect(201);
    const second = await addEvidence(tool, mentor, {
      title: "CPD on research",
      practiceDate: "2026-10-20",
      standards: [{ standardCode: "4", descriptorCode: "4.2", note: "" }],
    });
    await include(tool, mentor, portfolio.id, second.id);
    const draft = await request(tool.url).get(`/api/portfolios/${portfolio.id}`).set(bearer(mentor.token));
    expect(draft.body.status).toBe("resubmit");
    const v2 = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor.token))
      .send({ expectedVersion: draft.body.version });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ number: 2, status: "in_review", round: { id: nextRound.body.id } });
    const panelV2 = await request(tool.url).get(`/api/panel/versions/${v2.body.id}`).set(bearer(tutor.token));
    expect(panelV2.body.previousVersion).toMatchObject({ number: 1, feedback: { decision: { outcome: "resubmit" } } });
    expect(panelV2.body.changes).toMatchObject({
      previousNumber: 1,
      narrativeChanged: false,
      added: [{ evidenceId: second.id, title: "CPD on research" }],
      removed: [],
      changed: [
        { evidenceId: item.id, title: "Mentoring log, revised", fields: ["title", "narrative", "attachments"] },
      ],
    });
    await confirmOutcome(tool, {
      versionId: v2.body.id,
      reviewers: [tutor, tutor2],
      lead,
      outcome: "approved",
      standardCodes,
    });
    expect((await request(tool.url).get(`/api/portfolios/${portfolio.id}`).set(bearer(mentor.token))).body.status).toBe(
      "in_review",
    );
    await releaseAfterPanel(tool, lead, nextRound.body.id);
    expect(
      (await request(tool.url).get(`/api/portfolios/${portfolio.id}`).set(bearer(mentor.token))).body,
    ).toMatchObject({ status: "approved", submission: { canSubmit: false } });
    expect(await PanelDecision.countDocuments({ portfolioId: portfolio.id })).toBe(2);
  });

  it("queues a gradebook result for Entry, and needs the lead where moderating reviewers disagree", async () => {
    // A course whose programme requires a second reviewer.
    const courseId = "course-moderated";
    tool.devPlatform!.addCourse({ id: courseId, title: "Moderated course", label: "MOD" });
    tool.devPlatform!.addUser({
      id: "mod-mentor",
      name: "Robin Hale",
      givenName: "Robin",
      familyName: "Hale",
      email: "robin@school.example",
    });
    tool.devPlatform!.addUser({
      id: "mod-tutor-2",
      name: "Ali Khan",
      givenName: "Ali",
      familyName: "Khan",
      email: "ali@university.example",
    });
    tool.devPlatform!.enrol(courseId, "mod-mentor", [LEARNER]);
    tool.devPlatform!.enrol(courseId, devUsers.tutor, [INSTRUCTOR]);
    tool.devPlatform!.enrol(courseId, "mod-tutor-2", [INSTRUCTOR]);
    tool.devPlatform!.enrol(courseId, devUsers.lead, [ADMIN, INSTRUCTOR]);
    const m = await launch(tool, "mod-mentor", courseId);
    const t1 = await launch(tool, devUsers.tutor, courseId);
    const t2 = await launch(tool, "mod-tutor-2", courseId);
    const l = await launch(tool, devUsers.lead, courseId);
    const moderated = {
      ...defaultProgramme(),
      version: 2,
      panel: {
        ...defaultProgramme().panel,
        moderation: { ...defaultProgramme().panel.moderation, samplePercent: 0, firstResubmissions: false },
      },
    };
    await assignProgramme({
      tenantId: m.tenantId,
      contextId: courseId,
      programme: await storeProgrammeVersion({ tenantId: m.tenantId, definition: moderated, loadedBy: null }),
      assignedBy: l.userId,
    });

    const roundId = (
      await request(tool.url)
        .post("/api/panel/rounds")
        .set(bearer(l.token))
        .send({ name: "Summer panel", date: dayFromToday(10), memberUserIds: [t1.userId, t2.userId] })
        .expect(201)
    ).body.id as string;
    await passModules(m, ["M1", "M2"]);
    const portfolio = await openPortfolio(tool, m, "ENTRY");
    await include(tool, m, portfolio.id, (await addEvidence(tool, m)).id);
    const version = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(m.token))
      .send({ expectedVersion: portfolio.version });
    expect(version.body.status).toBe("in_review");
    const id = version.body.id;

    await request(tool.url)
      .put(`/api/panel/versions/${id}/judgements`)
      .set(bearer(t1.token))
      .send(allJudgements("met"))
      .expect(200);
    const first = await request(tool.url)
      .post(`/api/panel/versions/${id}/review`)
      .set(bearer(t1.token))
      .send({ outcome: "approved", summary: "Strong." });
    expect(first.body.status).toBe("in_review");
    await request(tool.url)
      .put(`/api/panel/versions/${id}/judgements`)
      .set(bearer(t2.token))
      .send(allJudgements("more_evidence"))
      .expect(200);
    const second = await request(tool.url)
      .post(`/api/panel/versions/${id}/review`)
      .set(bearer(t2.token))
      .send({ outcome: "resubmit", summary: "Thin.", suggestions: "Add observation records." });
    expect(second.body.status).toBe("needs_lead_decision");
    expect(second.body.feedback.reviews.map((r: { outcome: string }) => r.outcome)).toEqual(["approved", "resubmit"]);

    expect(
      (
        await request(tool.url)
          .post(`/api/panel/versions/${id}/decision`)
          .set(bearer(t1.token))
          .send({ outcome: "approved", summary: "x" })
      ).status,
    ).toBe(403);
    const leadView = await request(tool.url).get(`/api/panel/versions/${id}`).set(bearer(l.token));
    expect(leadView.body.abilities.decide).toBe(true);
    const decided = await request(tool.url)
      .post(`/api/panel/versions/${id}/decision`)
      .set(bearer(l.token))
      .send({ outcome: "approved", summary: "Approved after moderation." });
    expect(decided.status).toBe(201);
    expect(decided.body.feedback.decision).toMatchObject({
      outcome: "approved",
      basis: "lead_resolution",
      decidedBy: { userId: l.userId },
    });
    expect(
      (
        await request(tool.url)
          .post(`/api/panel/versions/${id}/decision`)
          .set(bearer(l.token))
          .send({ outcome: "approved", summary: "again" })
      ).status,
    ).toBe(409);

    // Decided, not released: the gradebook hears nothing until the lead releases the round.
    expect(await GradeRecord.countDocuments({ "source.id": id })).toBe(0);
    await releaseAfterPanel(tool, l, roundId);
    const grade = await GradeRecord.findOne({ "source.id": id }).lean();
    expect(grade).toMatchObject({
      mentorUserId: "mod-mentor",
      scoreGiven: 1,
      comment: "Approved after moderation.",
      lineItem: { resourceId: "portfolio:ENTRY", label: "Entry level certificate portfolio", scoreMaximum: 1 },
    });

    // A server that died after the decision but before its follow-ups: the sweep finishes them,
    // and running them again adds no second grade or certificate.
    const decision = await PanelDecision.findOne({ versionId: id }).lean();
    expect(decision!.followUpsDoneAt).toBeInstanceOf(Date);
    const certificates = await Certificate.countDocuments({ mentorUserId: "mod-mentor" });
    await GradeRecord.deleteOne({ "source.id": id });
    await PanelDecision.updateOne(
      { _id: decision!._id },
      {
        $set: {
          followUpsDoneAt: null,
          decidedAt: new Date(Date.now() - 7_200_000),
          releasedAt: new Date(Date.now() - 3_600_000),
        },
      },
    );
    expect(await sweepDecisionFollowUps()).toBe(1);
    expect(await sweepDecisionFollowUps()).toBe(0);
    expect(await GradeRecord.countDocuments({ "source.id": id })).toBe(1);
    expect(await Certificate.countDocuments({ mentorUserId: "mod-mentor" })).toBe(certificates);
    // Nothing crosses platforms: the same version id asked for from another tenant's course is not found.
    await PortfolioVersion.create({
      tenantId: "another-platform",
      contextId: courseId,
      mentorUserId: "mod-mentor",
      mentorName: "x",
      portfolioId: portfolio.id,
      qualificationCode: "ENTRY",
      number: 99,
      submittedBy: "x",
      submittedAt: new Date(),
    }).then(async (foreign) => {
      expect((await request(tool.url).get(`/api/panel/versions/${foreign._id}`).set(bearer(l.token))).status).toBe(404);
    });
  });
});
