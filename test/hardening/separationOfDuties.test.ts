import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { awardCreditsIfEligible } from "../../server/src/commands/creditAwarder";
import { queueGrade } from "../../server/src/commands/queueGrade";
import { ROLE } from "@mentor-pathways/dev-platform";
import { Certificate } from "../../server/src/models/certificate";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { PanelMember } from "../../server/src/models/panelMember";
import { PanelRound } from "../../server/src/models/panelRound";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { programmeInForce } from "../../server/src/queries/programmeInForce";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { buildApproval, buildPassedModules, devTenantId } from "../credentials/factories";

// Issue #13, item 2: nobody oversees their own work, whatever roles they hold. Each own-thing
// action is tried by people launched with two roles (Learner + Administrator, Learner +
// Instructor), and the same action by someone else shows the refusal is about ownership.

const ADMIN_LEARNER = "sod-admin-learner";
const TUTOR_LEARNER = "sod-tutor-learner";
const ADMIN_LEARNER_2 = "sod-admin-learner-2";

let tool: RunningTool;
let tenantId: string;
const tokens: Record<string, string> = {};
const api = () => request(tool.url);

beforeAll(async () => {
  tool = await startTestTool();
  const platform = tool.devPlatform!;
  platform.addUser({
    id: ADMIN_LEARNER,
    name: "Dana Cole",
    givenName: "Dana",
    familyName: "Cole",
    email: "dana@university.example",
    school: "Oakfield Primary",
  });
  platform.addUser({
    id: TUTOR_LEARNER,
    name: "Eli Ward",
    givenName: "Eli",
    familyName: "Ward",
    email: "eli@university.example",
    school: "Oakfield Primary",
  });
  platform.addUser({
    id: ADMIN_LEARNER_2,
    name: "Fran Hill",
    givenName: "Fran",
    familyName: "Hill",
    email: "fran@university.example",
    school: "Oakfield Primary",
  });
  platform.enrol(devCourse, ADMIN_LEARNER, [ROLE.learner, ROLE.administrator]);
  platform.enrol(devCourse, ADMIN_LEARNER_2, [ROLE.learner, ROLE.administrator]);
  platform.enrol(devCourse, TUTOR_LEARNER, [ROLE.learner, ROLE.instructor]);
  tokens.adminLearner = (await launchAs(tool, { userId: ADMIN_LEARNER })).token;
  tokens.tutorLearner = (await launchAs(tool, { userId: TUTOR_LEARNER })).token;
  tokens.adminLearner2 = (await launchAs(tool, { userId: ADMIN_LEARNER_2 })).token;
  tokens.lead = (await launchAs(tool, { userId: devUsers.lead })).token;
  tokens.tutor = (await launchAs(tool, { userId: devUsers.tutor })).token;
  tenantId = await devTenantId(tool);
  // Deliveries are driven by hand below (a failed mark); the background worker would race them.
  await tool.gradebook.stop();
});
afterAll(async () => tool?.close());

function expectOwnRefusal(res: request.Response, words: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe("forbidden");
  expect(res.body.error.message).toMatch(words);
}

it("the people below really hold both roles", async () => {
  expect((await api().get("/api/session").set(bearer(tokens.adminLearner))).body.roles).toEqual(["lead", "mentor"]);
  expect((await api().get("/api/session").set(bearer(tokens.tutorLearner))).body.roles).toEqual(["tutor", "mentor"]);
});

describe("credits", () => {
  it("a lead who is also a mentor can neither ratify nor reverse their own award; another lead can", async () => {
    await buildPassedModules({
      tenantId,
      contextId: devCourse,
      mentorUserId: ADMIN_LEARNER,
      codes: ["M1", "M2", "M3", "M4", "M5", "M6"],
    });
    await buildApproval({ tenantId, contextId: devCourse, mentorUserId: ADMIN_LEARNER });
    const { awardId } = await awardCreditsIfEligible({ tenantId, contextId: devCourse, mentorUserId: ADMIN_LEARNER });
    expect(awardId).toBeTruthy();

    expectOwnRefusal(
      await api()
        .post(`/api/credits/${awardId}/ratify`)
        .set(bearer(tokens.adminLearner))
        .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" }),
      /cannot ratify your own credit/,
    );
    expectOwnRefusal(
      await api()
        .post(`/api/credits/${awardId}/reverse`)
        .set(bearer(tokens.adminLearner))
        .send({ reason: "Changing my mind" }),
      /cannot reverse your own credit/,
    );
    expect((await api().get(`/api/credits/${awardId}`).set(bearer(tokens.adminLearner))).body.status).toBe(
      "provisional",
    );

    expect(
      (
        await api()
          .post(`/api/credits/${awardId}/ratify`)
          .set(bearer(tokens.lead))
          .send({ boardDate: "2026-11-20", boardReference: "EB-2026-11" })
      ).status,
    ).toBe(200);
    expectOwnRefusal(
      await api()
        .post(`/api/credits/${awardId}/reverse`)
        .set(bearer(tokens.adminLearner))
        .send({ reason: "Changing my mind" }),
      /cannot reverse your own credit/,
    );
    expect((await api().get(`/api/credits/${awardId}`).set(bearer(tokens.lead))).body.status).toBe("ratified");
  });
});

describe("certificates", () => {
  it("a lead who is also a mentor cannot revoke their own certificate; another lead can", async () => {
    const cert = await buildApproval({
      tenantId,
      contextId: devCourse,
      mentorUserId: ADMIN_LEARNER,
      qualificationCode: "ENTRY",
    });
    expectOwnRefusal(
      await api()
        .post(`/api/certificates/${cert._id}/revoke`)
        .set(bearer(tokens.adminLearner))
        .send({ reason: "Revoking my own" }),
      /cannot revoke your own certificate/,
    );
    expect((await Certificate.findById(cert._id).lean())!.revokedAt).toBeNull();
    expect(
      (
        await api()
          .post(`/api/certificates/${cert._id}/revoke`)
          .set(bearer(tokens.lead))
          .send({ reason: "Issued in error" })
      ).status,
    ).toBe(200);
  });
});

describe("module marking", () => {
  it("neither a tutor nor a lead who is also a mentor marks or returns their own module work; another tutor can", async () => {
    const { versionId } = await programmeInForce(tenantId, devCourse);
    for (const [who, userId] of [
      ["tutorLearner", TUTOR_LEARNER],
      ["adminLearner2", ADMIN_LEARNER_2],
    ] as const) {
      const record = await ModuleRecord.create({
        tenantId,
        contextId: devCourse,
        mentorUserId: userId,
        moduleCode: "M2",
        versionId,
        status: "submitted",
        attempt: 1,
        submittedAt: new Date(),
      });
      expectOwnRefusal(
        await api()
          .post(`/api/marking/${record._id}/mark`)
          .set(bearer(tokens[who]))
          .send({ attempt: 1, score: 80, feedback: "Excellent, if I say so myself." }),
        /cannot mark your own module work/,
      );
      expectOwnRefusal(
        await api()
          .post(`/api/marking/${record._id}/return`)
          .set(bearer(tokens[who]))
          .send({ attempt: 1, feedback: "Try again." }),
        /cannot mark your own module work/,
      );
      const detail = await api().get(`/api/marking/${record._id}`).set(bearer(tokens[who]));
      expect(detail.body.canMark).toBe(false);
      expect((await ModuleRecord.findById(record._id).lean())!.status).toBe("submitted");
      expect(
        (
          await api()
            .post(`/api/marking/${record._id}/return`)
            .set(bearer(tokens.tutor))
            .send({ attempt: 1, feedback: "Please add your reflection." })
        ).status,
      ).toBe(201);
    }
  });
});

describe("panel review and decision", () => {
  it("a lead on the panel who is also a mentor can neither judge, review nor decide their own portfolio version; another member can judge it", async () => {
    const programme = await programmeInForce(tenantId, devCourse);
    const round = await PanelRound.create({
      tenantId,
      contextId: devCourse,
      name: "Spring panel",
      date: new Date(Date.now() + 7 * 86_400_000),
      createdBy: devUsers.lead,
    });
    for (const userId of [ADMIN_LEARNER, devUsers.lead])
      await PanelMember.create({ tenantId, contextId: devCourse, roundId: round._id, userId, addedBy: devUsers.lead });
    const version = await PortfolioVersion.create({
      tenantId,
      contextId: devCourse,
      mentorUserId: ADMIN_LEARNER,
      mentorName: "Dana Cole",
      portfolioId: new mongoose.Types.ObjectId(),
      qualificationCode: "ENTRY",
      number: 1,
      programme: { versionId: programme.versionId, code: programme.code, version: programme.version },
      submittedBy: ADMIN_LEARNER,
      submittedAt: new Date(),
      roundId: round._id,
    });
    const judgements = {
      judgements: defaultProgramme().standards.map((s) => ({
        standardCode: s.code,
        judgement: "met",
        comment: "Met.",
      })),
    };
    const outcome = { outcome: "approved", summary: "All standards met." };

    expectOwnRefusal(
      await api()
        .put(`/api/panel/versions/${version._id}/judgements`)
        .set(bearer(tokens.adminLearner))
        .send(judgements),
      /cannot review your own portfolio/,
    );
    expectOwnRefusal(
      await api().post(`/api/panel/versions/${version._id}/review`).set(bearer(tokens.adminLearner)).send(outcome),
      /cannot review your own portfolio/,
    );
    expectOwnRefusal(
      await api().post(`/api/panel/versions/${version._id}/decision`).set(bearer(tokens.adminLearner)).send(outcome),
      /cannot decide the outcome of your own portfolio/,
    );

    expect(
      (await api().put(`/api/panel/versions/${version._id}/judgements`).set(bearer(tokens.lead)).send(judgements))
        .status,
    ).toBe(200);
  });
});

describe("training hours", () => {
  it("a tutor who is also a mentor cannot remove hours someone else logged in their own ledger, but removes what they logged themselves", async () => {
    const logged = await api().post("/api/hours").set(bearer(tokens.tutor)).send({
      mentorUserId: TUTOR_LEARNER,
      date: "2026-10-01",
      activity: "Mentor training day",
      hours: 6,
      kind: "initial",
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    const byTutor = logged.body.entries[0];
    expect(byTutor.canDelete).toBe(true);
    const ownView = await api().get(`/api/hours?mentorUserId=${TUTOR_LEARNER}`).set(bearer(tokens.tutorLearner));
    expect(ownView.body.entries.find((e: { id: string }) => e.id === byTutor.id).canDelete).toBe(false);
    expectOwnRefusal(
      await api().delete(`/api/hours/entries/${byTutor.id}`).set(bearer(tokens.tutorLearner)),
      /cannot remove hours someone else logged in your own ledger/,
    );
    expect(await TrainingHoursEntry.exists({ _id: byTutor.id })).toBeTruthy();

    const mine = await api()
      .post("/api/hours")
      .set(bearer(tokens.tutorLearner))
      .send({ mentorUserId: TUTOR_LEARNER, date: "2026-10-02", activity: "Reading", hours: 1, kind: "initial" });
    expect(mine.status).toBe(201);
    const ownEntry = mine.body.entries.find((e: { activity: string }) => e.activity === "Reading");
    expect((await api().delete(`/api/hours/entries/${ownEntry.id}`).set(bearer(tokens.tutorLearner))).status).toBe(204);
  });
});

describe("gradebook delivery", () => {
  it("a tutor who is also a mentor cannot send their own failed mark again; another tutor can", async () => {
    const gradeId = await queueGrade({
      tenantId,
      contextId: devCourse,
      mentorUserId: TUTOR_LEARNER,
      source: { kind: "module", id: `sod-${Date.now()}` },
      lineItem: { resourceId: "module:M1", label: "Module 1", scoreMaximum: 100 },
      scoreGiven: 55,
      comment: null,
      gradedBy: devUsers.tutor,
    });
    await GradeRecord.updateOne(
      { _id: gradeId },
      { $set: { "delivery.status": "failed", "delivery.lastError": "The VLE answered 400" } },
    );
    expectOwnRefusal(
      await api().post(`/api/gradebook/deliveries/${gradeId}/retry`).set(bearer(tokens.tutorLearner)),
      /cannot send your own mark to the gradebook again/,
    );
    expect((await GradeRecord.findById(gradeId).lean())?.delivery?.status).toBe("failed");
    expect((await api().post(`/api/gradebook/deliveries/${gradeId}/retry`).set(bearer(tokens.tutor))).status).toBe(200);
  });
});
