import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { awardCreditsIfEligible } from "../../server/src/commands/creditAwarder";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { Portfolio } from "../../server/src/models/portfolio";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { parseProgramme } from "../../server/src/programme/schema";
import { bearer, devUsers } from "../support/launch";
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
  releaseAfterPanel,
  type Launched,
} from "./support";

// The prior-learning route (issue #14 item 7): a very experienced mentor applies for Mastery with
// evidence from past mentoring. The route waives M3–M6 and asks for recent evidence and a
// statement of experience; the panel judges it as usual; credit only where the programme says so.

const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator";
const standards = defaultProgramme().standards.map((s) => s.code);
const covering = standards.map((s) => ({ standardCode: s, descriptorCode: null, note: "" }));
const statement =
  "I have mentored eleven student teachers over nine years at two secondary schools, as a subject mentor and then as the school's lead mentor. I observe weekly, run the training meetings and moderate trainees' marking with the university tutor each term.";

let tool: RunningTool;
let programmeVersion = 70;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => tool?.close());

/** A course of its own: a mentor, two tutors on an open round and a lead, under the default programme with `change` applied. */
async function course(name: string, change: (p: ReturnType<typeof defaultProgramme>) => unknown = (p) => p) {
  const courseId = `course-pl-${name}`;
  const platform = tool.devPlatform!;
  platform.addCourse({ id: courseId, title: name, label: name.toUpperCase() });
  platform.addUser({
    id: `pl-${name}-mentor`,
    name: "Morgan Ellis",
    givenName: "Morgan",
    familyName: "Ellis",
    email: `pl-${name}@school.example`,
  });
  platform.enrol(courseId, `pl-${name}-mentor`, [LEARNER]);
  platform.enrol(courseId, devUsers.tutor, [INSTRUCTOR]);
  platform.enrol(courseId, "dev-tutor-2", [INSTRUCTOR]);
  platform.enrol(courseId, devUsers.lead, [ADMIN, INSTRUCTOR]);
  const mentor = await launch(tool, `pl-${name}-mentor`, courseId);
  const t1 = await launch(tool, devUsers.tutor, courseId);
  const t2 = await launch(tool, "dev-tutor-2", courseId);
  const lead = await launch(tool, devUsers.lead, courseId);
  const programme = parseProgramme(change({ ...structuredClone(defaultProgramme()), version: programmeVersion++ }));
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

const api = () => request(tool.url);
const getPortfolio = async (who: Launched, id: string) =>
  (await api().get(`/api/portfolios/${id}`).set(bearer(who.token)).expect(200)).body;
const apply = (who: Launched, id: string, body: Record<string, unknown>) =>
  api().put(`/api/portfolios/${id}/prior-learning`).set(bearer(who.token)).send(body);
const submit = (who: Launched, id: string, version: number) =>
  api().post(`/api/portfolios/${id}/submit`).set(bearer(who.token)).send({ expectedVersion: version });

/** Entry modules passed (the route waives only Mastery's), a Mastery portfolio with one old and one recent piece of evidence. */
async function masteryDraft(mentor: Launched) {
  await passModules(mentor, ["M1", "M2"]);
  const portfolio = await openPortfolio(tool, mentor, "MASTERY");
  const old = await addEvidence(tool, mentor, {
    title: "Mentoring diary 2014",
    practiceDate: "2014-03-10",
    standards: covering,
  });
  const recent = await addEvidence(tool, mentor, {
    title: "Trainee observation notes",
    practiceDate: dayFromToday(-400),
    standards: covering,
  });
  await include(tool, mentor, portfolio.id, old.id);
  await include(tool, mentor, portfolio.id, recent.id);
  return { portfolioId: portfolio.id, oldId: old.id };
}

describe("the prior-learning route", () => {
  it("shipped programme: Mastery's route waives M3–M6, asks for evidence within 5 years and a statement, earns no credit", () => {
    const mastery = defaultProgramme().qualifications.find((q) => q.code === "MASTERY")!;
    expect(mastery.priorLearning).toEqual({
      waivesModules: ["M3", "M4", "M5", "M6"],
      evidenceWithinYears: 5,
      statementMinLength: 200,
      earnsCredit: false,
    });
    const bad = structuredClone(defaultProgramme()) as unknown as {
      qualifications: Array<{ code: string; priorLearning: { waivesModules: string[] } }>;
    };
    bad.qualifications.find((q) => q.code === "MASTERY")!.priorLearning.waivesModules = ["M9"];
    expect(() => parseProgramme(bad)).toThrow(
      /qualifications\.1\.priorLearning\.waivesModules\.0 names "M9", which is not a required module of MASTERY/,
    );
  });

  it("application → refused until statement and recent evidence → panel sees the route → moderated, released → certificate through the route, no credit", async () => {
    const c = await course("nocredit");
    const { portfolioId, oldId } = await masteryDraft(c.mentor);

    // Without the route a Mastery submission needs M3–M6 and a year's span: exactly as before.
    let draft = await getPortfolio(c.mentor, portfolioId);
    expect(draft.qualification.priorLearningRoute).toEqual({
      waivesModules: ["M3", "M4", "M5", "M6"],
      evidenceWithinYears: 5,
      statementMinLength: 200,
      earnsCredit: false,
    });
    expect(draft.priorLearning).toEqual({ applying: false, statement: "" });
    expect(draft.submission.reasons.join(" ")).toMatch(/Complete modules M3, M4, M5, M6 first/);

    // Who may apply: only the portfolio's mentor; bad input names the field as the form labels it.
    expect(
      (
        await api()
          .put(`/api/portfolios/${portfolioId}/prior-learning`)
          .send({ applying: true, expectedVersion: draft.version })
      ).status,
    ).toBe(401);
    tool.devPlatform!.enrol(c.courseId, devUsers.mentor2, [LEARNER]);
    const otherMentor = await launch(tool, devUsers.mentor2, c.courseId);
    for (const other of [c.t1, c.lead, otherMentor])
      expect(
        (await apply(other, portfolioId, { applying: true, statement, expectedVersion: draft.version })).status,
      ).toBe(404);

    const notBoolean = await apply(c.mentor, portfolioId, { applying: "yes", expectedVersion: draft.version });
    expect(notBoolean.status).toBe(400);
    expect(badFields(notBoolean.body)).toEqual(["body.applying"]);
    expect(notBoolean.body.error.message).toMatch(/I am applying through the prior-learning route/);
    const tooLong = await apply(c.mentor, portfolioId, {
      applying: true,
      statement: "x".repeat(10_001),
      expectedVersion: draft.version,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/Statement of experience/);
    expect((await Portfolio.findById(portfolioId).lean())!.priorLearning?.applying).toBe(false);

    // The mentor applies without a statement: submission is refused, naming what is missing.
    const applied = await apply(c.mentor, portfolioId, { applying: true, expectedVersion: draft.version });
    expect(applied.status).toBe(200);
    draft = applied.body;
    expect(draft.priorLearning).toEqual({ applying: true, statement: "" });
    const noStatement = await submit(c.mentor, portfolioId, draft.version);
    expect(noStatement.status).toBe(409);
    const reasons: string[] = noStatement.body.error.details.reasons;
    expect(reasons.join(" ")).not.toMatch(/Complete modules/);
    expect(reasons).toContain(
      "Write your statement of experience (at least 200 characters) for the prior-learning route.",
    );
    expect(reasons.join(" ")).toMatch(/within 5 years of applying .*"Mentoring diary 2014" \(2014-03-10\) is older/);
    expect(reasons.join(" ")).not.toMatch(/spans .* days/);

    // A short statement is named as short; the old evidence is still refused.
    draft = (
      await apply(c.mentor, portfolioId, {
        applying: true,
        statement: "Many years.",
        expectedVersion: draft.version,
      }).expect(200)
    ).body;
    const short = await submit(c.mentor, portfolioId, draft.version);
    expect(short.status).toBe(409);
    expect(short.body.error.message).toMatch(
      /statement of experience has 11 characters; the prior-learning route needs at least 200/,
    );

    // A full statement, and the old evidence taken out: accepted, through the route.
    draft = (
      await apply(c.mentor, portfolioId, { applying: true, statement, expectedVersion: draft.version }).expect(200)
    ).body;
    await api().delete(`/api/portfolios/${portfolioId}/evidence/${oldId}`).set(bearer(c.mentor.token)).expect(204);
    draft = await getPortfolio(c.mentor, portfolioId);
    expect(draft.submission).toEqual({ canSubmit: true, reasons: [] });
    const submitted = await submit(c.mentor, portfolioId, draft.version);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ number: 1, priorLearning: true, status: "in_review" });
    const versionId = submitted.body.id as string;

    // The panel sees the route: its statement and what it required, on the version they judge.
    const panelView = await api().get(`/api/panel/versions/${versionId}`).set(bearer(c.t1.token)).expect(200);
    expect(panelView.body.priorLearning).toBe(true);
    expect(panelView.body.priorLearningApplication).toEqual({
      statement,
      route: {
        waivesModules: ["M3", "M4", "M5", "M6"],
        evidenceWithinYears: 5,
        statementMinLength: 200,
        earnsCredit: false,
      },
    });
    expect(panelView.body.coverage.span).toMatchObject({ requiredDays: 0, isMet: true });
    // The printed version the panel may take to its meeting carries the statement too (it renders).
    const pdf = await api()
      .get(`/api/exports/portfolio-versions/${versionId}/pdf`)
      .set(bearer(c.t1.token))
      .buffer(true)
      .expect(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");

    // The first outcome is resubmit; the resubmission keeps the route without the mentor ticking it again.
    await confirmOutcome(tool, {
      versionId,
      reviewers: [c.t1, c.t2],
      lead: c.lead,
      outcome: "resubmit",
      standardCodes: standards,
      unmet: ["4"],
    });
    await releaseAfterPanel(tool, c.lead, c.roundId);
    draft = await getPortfolio(c.mentor, portfolioId);
    expect(draft.priorLearning).toEqual({ applying: true, statement });
    const round2 = await api()
      .post("/api/panel/rounds")
      .set(bearer(c.lead.token))
      .send({ name: "Second panel", date: dayFromToday(6), memberUserIds: [c.t1.userId, c.t2.userId] })
      .expect(201);
    await include(
      tool,
      c.mentor,
      portfolioId,
      (
        await addEvidence(tool, c.mentor, {
          title: "Partnership moderation",
          practiceDate: dayFromToday(-30),
          standards: covering,
        })
      ).id,
    );
    draft = await getPortfolio(c.mentor, portfolioId);
    const resubmitted = await submit(c.mentor, portfolioId, draft.version);
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(201);
    expect(resubmitted.body).toMatchObject({ number: 2, priorLearning: true, priorLearningApplication: { statement } });
    const v2 = resubmitted.body.id as string;

    // Approved by both reviewers (and the lead where moderation asks), released: the certificate, no credit.
    await confirmOutcome(tool, {
      versionId: v2,
      reviewers: [c.t1, c.t2],
      lead: c.lead,
      outcome: "approved",
      standardCodes: standards,
    });
    expect((await api().get("/api/certificates").set(bearer(c.mentor.token))).body.certificates).toEqual([]);
    await releaseAfterPanel(tool, c.lead, round2.body.id);
    const [cert] = (await api().get("/api/certificates").set(bearer(c.mentor.token)).expect(200)).body.certificates;
    expect(cert).toMatchObject({
      qualification: { code: "MASTERY" },
      route: "prior_learning",
      credits: null,
      fheqLevel: null,
      status: "valid",
    });
    const verify = await api().get(`/api/public/verify/${cert.verificationCode}`).expect(200);
    expect(verify.body).toMatchObject({ awardedThrough: "prior_learning", credits: null });
    expect((await api().get(`/verify/${cert.verificationCode}`).expect(200)).text).toContain(
      "Awarded through the prior-learning route",
    );
    expect(await CreditLedgerEntry.countDocuments({ contextId: c.courseId, mentorUserId: c.mentor.userId })).toBe(0);
    expect((await api().get("/api/credits").set(bearer(c.mentor.token)).expect(200)).body.awards).toEqual([]);
    // The credit rule, asked again (as a module mark would), still awards nothing: the route earns no credit here.
    const again = await awardCreditsIfEligible({
      tenantId: c.mentor.tenantId,
      contextId: c.courseId,
      mentorUserId: c.mentor.userId,
    });
    expect(again).toMatchObject({ awarded: false, missing: expect.arrayContaining(["qualification:MASTERY"]) });
    expect(await CreditLedgerEntry.countDocuments({ contextId: c.courseId, mentorUserId: c.mentor.userId })).toBe(0);
  });

  it("where the programme says the route earns credit, the credit is awarded with the waived modules named", async () => {
    const c = await course("credit", (p) => ({
      ...p,
      qualifications: p.qualifications.map((q) =>
        q.code === "MASTERY" ? { ...q, priorLearning: { ...q.priorLearning!, earnsCredit: true } } : q,
      ),
    }));
    const { portfolioId, oldId } = await masteryDraft(c.mentor);
    await api().delete(`/api/portfolios/${portfolioId}/evidence/${oldId}`).set(bearer(c.mentor.token)).expect(204);
    let draft = await getPortfolio(c.mentor, portfolioId);
    draft = (
      await apply(c.mentor, portfolioId, { applying: true, statement, expectedVersion: draft.version }).expect(200)
    ).body;
    expect(draft.qualification.priorLearningRoute.earnsCredit).toBe(true);
    const submitted = await submit(c.mentor, portfolioId, draft.version);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    await confirmOutcome(tool, {
      versionId: submitted.body.id,
      reviewers: [c.t1, c.t2],
      lead: c.lead,
      outcome: "approved",
      standardCodes: standards,
    });
    await releaseAfterPanel(tool, c.lead, c.roundId);

    const [cert] = (await api().get("/api/certificates").set(bearer(c.mentor.token)).expect(200)).body.certificates;
    expect(cert).toMatchObject({ route: "prior_learning", credits: 30, fheqLevel: 7 });
    const awards = (await api().get("/api/credits").set(bearer(c.mentor.token)).expect(200)).body.awards;
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ credits: 30 });
    const lines = awards[0].evidence.map((e: { description: string }) => e.description);
    expect(lines).toEqual(
      expect.arrayContaining([
        "Module M1 complete",
        "Module M3 waived through the prior-learning route",
        "Portfolio version 1 approved by the panel through the prior-learning route",
      ]),
    );
    expect(lines).not.toContain("Module M1 waived through the prior-learning route");
    // The registry's transcript line names the modules the route stood in for.
    const csv = await api().get("/api/credits/transcript.csv").set(bearer(c.lead.token)).expect(200);
    const row = csv.text.split("\r\n").find((line) => line.includes(c.mentor.userId))!;
    expect(row).toContain(
      "M3 waived (prior-learning route); M4 waived (prior-learning route); M5 waived (prior-learning route); M6 waived (prior-learning route)",
    );
    expect(row).not.toContain("M1 waived");
  });

  it("without the route nothing changes: a Mastery draft still needs every module and the year's span; the route flag stays off", async () => {
    const c = await course("standard");
    await passModules(c.mentor, ["M1", "M2", "M3", "M4", "M5", "M6"]);
    const portfolio = await openPortfolio(tool, c.mentor, "MASTERY");
    await include(
      tool,
      c.mentor,
      portfolio.id,
      (await addEvidence(tool, c.mentor, { practiceDate: dayFromToday(-20), standards: covering })).id,
    );
    const draft = await getPortfolio(c.mentor, portfolio.id);
    const refused = await submit(c.mentor, portfolio.id, draft.version);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/spans 0 days; this qualification needs at least 270 days/);
    // ENTRY offers no route: applying is a 400 naming the checkbox; nothing is saved.
    const entry = await openPortfolio(tool, c.mentor, "ENTRY");
    const refusedRoute = await apply(c.mentor, entry.id, { applying: true, statement, expectedVersion: entry.version });
    expect(refusedRoute.status).toBe(400);
    expect(badFields(refusedRoute.body)).toEqual(["body.applying"]);
    expect((await getPortfolio(c.mentor, entry.id)).priorLearning).toEqual({ applying: false, statement: "" });
    expect(await PortfolioVersion.countDocuments({ contextId: c.courseId })).toBe(0);
  });
});
