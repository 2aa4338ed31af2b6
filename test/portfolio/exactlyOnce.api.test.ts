import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import type { RunningTool } from "../../server/src/boot";
import { verifyDecisionChain } from "../../server/src/queries/decisionChain";
import { sweepPendingDecisionEntries } from "../../server/src/commands/recordPanelDecision";
import { ActivityCompletion } from "../../server/src/models/activityCompletion";
import { Certificate } from "../../server/src/models/certificate";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { DecisionEntry } from "../../server/src/models/decisionEntry";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { PanelDecision, PanelJudgement, PanelReview } from "../../server/src/models/panelReview";
import { PanelRound } from "../../server/src/models/panelRound";
import { Portfolio } from "../../server/src/models/portfolio";
import { PortfolioEntry } from "../../server/src/models/portfolioEntry";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { completeEntryAudit } from "../programme/helpers";
import { addEvidence, dayFromToday, include, launch, openPortfolio, passModules, type Launched } from "./support";

// Ten identical requests at once, through the API and the real engine: the exactly-once
// guarantees rest on ordinary conditional updates, upserts and unique inserts, nothing else.
const RACERS = 10;

let tool: RunningTool;
let mentor: Launched;
let mentor2: Launched;
let tutor: Launched;
let lead: Launched;

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  tutor = await launch(tool, devUsers.tutor);
  lead = await launch(tool, devUsers.lead);
});
afterAll(async () => tool?.close());

const statuses = (responses: Array<{ status: number }>) => responses.map((r) => r.status).sort();
const race = <T>(send: () => PromiseLike<T>) => Promise.all(Array.from({ length: RACERS }, () => send()));

describe("ten identical requests at once", () => {
  it("submitting one draft makes one version; the rest are told it moved on", async () => {
    await passModules(mentor, ["M1", "M2"]);
    const portfolio = await openPortfolio(tool, mentor, "ENTRY");
    await include(tool, mentor, portfolio.id, (await addEvidence(tool, mentor)).id);
    const responses = await race(() =>
      request(tool.url)
        .post(`/api/portfolios/${portfolio.id}/submit`)
        .set(bearer(mentor.token))
        .send({ expectedVersion: portfolio.version }),
    );
    expect(statuses(responses)).toEqual([201, ...Array(RACERS - 1).fill(409)]);
    expect(await PortfolioVersion.countDocuments({ portfolioId: portfolio.id })).toBe(1);
    expect((await Portfolio.findById(portfolio.id).lean())!.version).toBe(portfolio.version + 1);
  });

  it("opening a portfolio and including one item in it make one of each", async () => {
    const opened = await race(() =>
      request(tool.url).post("/api/portfolios").set(bearer(mentor.token)).send({ qualificationCode: "QLMS" }),
    );
    expect(statuses(opened)).toEqual(Array(RACERS).fill(201));
    expect(new Set(opened.map((r) => r.body.id)).size).toBe(1);
    expect(await Portfolio.countDocuments({ mentorUserId: mentor.userId, qualificationCode: "QLMS" })).toBe(1);
    const item = await addEvidence(tool, mentor);
    const included = await race(() =>
      request(tool.url).put(`/api/portfolios/${opened[0].body.id}/evidence/${item.id}`).set(bearer(mentor.token)),
    );
    expect(statuses(included)).toEqual(Array(RACERS).fill(204));
    expect(await PortfolioEntry.countDocuments({ portfolioId: opened[0].body.id })).toBe(1);
  });

  it("editing evidence from one copy applies once", async () => {
    const item = await addEvidence(tool, mentor, { title: "Before" });
    const responses = await race(() =>
      request(tool.url)
        .patch(`/api/evidence/${item.id}`)
        .set(bearer(mentor.token))
        .send({ title: "After", expectedVersion: item.version }),
    );
    expect(statuses(responses)).toEqual([200, ...Array(RACERS - 1).fill(409)]);
    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token)).expect(200)).body,
    ).toMatchObject({ title: "After", version: item.version + 1 });
  });

  it("changing a round from one copy applies once", async () => {
    const round = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Race panel", date: dayFromToday(40), memberUserIds: [tutor.userId] })
      .expect(201);
    const responses = await race(() =>
      request(tool.url)
        .patch(`/api/panel/rounds/${round.body.id}`)
        .set(bearer(lead.token))
        .send({ name: "Renamed", expectedVersion: round.body.version }),
    );
    expect(statuses(responses)).toEqual([200, ...Array(RACERS - 1).fill(409)]);
    expect((await PanelRound.findById(round.body.id).lean())!.version).toBe(round.body.version + 1);
  });

  it("a panel member's judgements and outcome, and the round's release: one of each, one decision, certificate, queued grade and credit line", async () => {
    // One reviewer decides (no second review, no sampling), so the race is the reviewer's own.
    const base = defaultProgramme();
    const programme = {
      ...base,
      version: 30,
      panel: {
        ...base.panel,
        moderation: {
          ...base.panel.moderation,
          secondReview: "none" as const,
          samplePercent: 0,
          firstResubmissions: false,
        },
      },
    };
    await assignProgramme({
      tenantId: lead.tenantId,
      contextId: lead.courseId,
      programme: await storeProgrammeVersion({ tenantId: lead.tenantId, definition: programme, loadedBy: null }),
      assignedBy: lead.userId,
    });
    const standards = base.standards;
    await passModules(mentor2, ["M1", "M2", "M3", "M4", "M5", "M6"]);
    const portfolio = await openPortfolio(tool, mentor2, "MASTERY");
    const covering = standards.map((s) => ({ standardCode: s.code, descriptorCode: null, note: "" }));
    for (const practiceDate of ["2025-09-15", "2026-08-20"]) {
      await include(
        tool,
        mentor2,
        portfolio.id,
        (await addEvidence(tool, mentor2, { practiceDate, standards: covering })).id,
      );
    }
    const round = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Mastery panel", date: dayFromToday(1), memberUserIds: [tutor.userId] })
      .expect(201);
    const submitted = await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor2.token))
      .send({ expectedVersion: portfolio.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const versionId = submitted.body.id as string;

    const judgements = {
      judgements: standards.map((s) => ({ standardCode: s.code, judgement: "met", comment: "Well evidenced." })),
    };
    const judged = await race(() =>
      request(tool.url).put(`/api/panel/versions/${versionId}/judgements`).set(bearer(tutor.token)).send(judgements),
    );
    expect(statuses(judged)).toEqual(Array(RACERS).fill(200));
    expect(await PanelJudgement.countDocuments({ versionId })).toBe(standards.length);

    const reviewed = await race(() =>
      request(tool.url)
        .post(`/api/panel/versions/${versionId}/review`)
        .set(bearer(tutor.token))
        .send({ outcome: "approved", summary: "Approved." }),
    );
    expect(statuses(reviewed)).toEqual([201, ...Array(RACERS - 1).fill(409)]);
    expect(await PanelReview.countDocuments({ versionId })).toBe(1);
    expect(await PanelDecision.countDocuments({ versionId })).toBe(1);

    // The panel has met; the lead releases the round, ten times at once from one copy.
    await request(tool.url)
      .patch(`/api/panel/rounds/${round.body.id}`)
      .set(bearer(lead.token))
      .send({ date: dayFromToday(0), expectedVersion: round.body.version })
      .expect(200);
    const detail = await request(tool.url)
      .get(`/api/panel/rounds/${round.body.id}`)
      .set(bearer(lead.token))
      .expect(200);
    const released = await race(() =>
      request(tool.url)
        .post(`/api/panel/rounds/${round.body.id}/release`)
        .set(bearer(lead.token))
        .send({ expectedVersion: detail.body.version }),
    );
    expect(statuses(released)).toEqual([200, ...Array(RACERS - 1).fill(409)]);
    expect(await Certificate.countDocuments({ versionId })).toBe(1);
    expect(await GradeRecord.countDocuments({ "source.id": versionId })).toBe(1);
    expect(await CreditLedgerEntry.countDocuments({ mentorUserId: mentor2.userId, kind: "award" })).toBe(1);
  });

  it("a decision whose server died before its decision-record entry gets the entry once from the job", async () => {
    // The decision the API recorded above owes nothing: its entry is in the chain once.
    const recorded = (await PanelDecision.findOne({ mentorUserId: mentor2.userId }).lean())!;
    expect(recorded.pendingEntry).toBeNull();
    expect(await DecisionEntry.countDocuments({ eventKey: `panel-decision:${recorded._id.toString()}` })).toBe(1);

    // The first half, as the server left it: the decision saved with the entry it owes, no entry.
    const version = (await PortfolioVersion.findOne({ mentorUserId: mentor.userId }).lean())!;
    const _id = new Types.ObjectId();
    const decidedAt = new Date(Date.now() - 120_000);
    const pendingEntry = {
      tenantId: version.tenantId,
      contextId: version.contextId,
      kind: "decision",
      actor: { userId: tutor.userId, name: "Tutor", roles: ["tutor"] },
      subject: `version:${version._id.toString()}`,
      mentorUserId: version.mentorUserId,
      roundId: version.roundId ? String(version.roundId) : null,
      before: "provisional",
      after: "resubmit (single review)",
      reason: "More evidence of planning.",
      at: decidedAt,
      eventKey: `panel-decision:${_id.toString()}`,
    };
    await PanelDecision.create({
      _id,
      tenantId: version.tenantId,
      contextId: version.contextId,
      versionId: version._id,
      roundId: version.roundId,
      portfolioId: version.portfolioId,
      mentorUserId: version.mentorUserId,
      outcome: "resubmit",
      summary: "More evidence of planning.",
      basis: "single_review",
      decidedBy: tutor.userId,
      decidedByName: "Tutor",
      decidedAt,
      pendingEntry,
    });
    const subject = {
      tenantId: version.tenantId,
      contextId: version.contextId,
      subject: `version:${version._id.toString()}`,
    };
    expect(await DecisionEntry.countDocuments(subject)).toBe(0);

    expect(await sweepPendingDecisionEntries()).toBe(1);
    expect(await sweepPendingDecisionEntries()).toBe(0);
    const entries = await DecisionEntry.find(subject).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "decision",
      actorUserId: tutor.userId,
      after: "resubmit (single review)",
      at: decidedAt,
    });
    expect((await PanelDecision.findById(_id).lean())!.pendingEntry).toBeNull();
    expect(await verifyDecisionChain(version)).toMatchObject({ isIntact: true });

    // Had the server died after the entry but before clearing it, the job appends nothing more.
    await PanelDecision.updateOne({ _id }, { $set: { pendingEntry } });
    expect(await sweepPendingDecisionEntries()).toBe(1);
    expect(await DecisionEntry.countDocuments(subject)).toBe(1);
  });

  it("ticking one activity done records it once", async () => {
    tool.devPlatform!.addUser({
      id: "race-mentor",
      name: "Sam Race",
      givenName: "Sam",
      familyName: "Race",
      email: "sam@school.example",
    });
    tool.devPlatform!.enrol(mentor.courseId, "race-mentor", [
      "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
    ]);
    const mentor3 = await launch(tool, "race-mentor");
    await completeEntryAudit(tool, mentor3.token);
    const activity = defaultProgramme().modules.find((m) => m.code === "M1")!.activities[0];
    const responses = await race(() =>
      request(tool.url)
        .put(`/api/modules/M1/activities/${activity.code}`)
        .set(bearer(mentor3.token))
        .send({ completed: true }),
    );
    expect(statuses(responses)).toEqual(Array(RACERS).fill(200));
    expect(
      await ActivityCompletion.countDocuments({
        mentorUserId: mentor3.userId,
        moduleCode: "M1",
        activityCode: activity.code,
      }),
    ).toBe(1);
  });
});
