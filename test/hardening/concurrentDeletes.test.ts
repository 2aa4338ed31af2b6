import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { Attachment } from "../../server/src/models/attachment";
import { Evidence } from "../../server/src/models/evidence";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, include, launch, openPortfolio, pngBytes, type Launched } from "../portfolio/support";

// Issue #13, item 7: of concurrent deletes of one thing, the first answers 204 (or 200 with
// what happened) and every later one 404; the thing is deleted once.

const RACERS = 8;
let tool: RunningTool;
let mentor: Launched;
let tutor: Launched;

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  tutor = await launch(tool, devUsers.tutor);
});
afterAll(async () => tool?.close());

const race = (send: () => request.Test) => Promise.all(Array.from({ length: RACERS }, () => send()));
const statuses = (responses: request.Response[]) => responses.map((r) => r.status).sort();
const oneWinner = (status: number) => [status, ...Array.from({ length: RACERS - 1 }, () => 404)].sort();

describe("DELETE /api/hours/entries/:id", () => {
  it("answers 204 once and 404 to the rest; the ledger shows exactly one deletion", async () => {
    const log = (activity: string, hours: number) =>
      request(tool.url)
        .post("/api/hours")
        .set(bearer(tutor.token))
        .send({ mentorUserId: devUsers.mentor, date: "2026-10-05", activity, hours, kind: "initial" });
    expect((await log("Mentor training day", 6)).status).toBe(201);
    const logged = await log("Coaching workshop", 2);
    const before = logged.body as { entries: Array<{ id: string; activity: string; hours: number }> };
    const target = before.entries.find((e) => e.activity === "Coaching workshop")!;

    const responses = await race(() =>
      request(tool.url).delete(`/api/hours/entries/${target.id}`).set(bearer(tutor.token)),
    );
    expect(statuses(responses)).toEqual(oneWinner(204));
    for (const lost of responses.filter((r) => r.status === 404))
      expect(lost.body.error.message).toBe("That training-hours entry was not found.");

    const after = (await request(tool.url).get(`/api/hours?mentorUserId=${devUsers.mentor}`).set(bearer(tutor.token)))
      .body as typeof before;
    expect(after.entries.map((e) => e.id).sort()).toEqual(
      before.entries
        .map((e) => e.id)
        .filter((id) => id !== target.id)
        .sort(),
    );
    expect(await TrainingHoursEntry.countDocuments({ mentorUserId: devUsers.mentor })).toBe(before.entries.length - 1);
    expect((await request(tool.url).delete(`/api/hours/entries/${target.id}`).set(bearer(tutor.token))).status).toBe(
      404,
    );
  });
});

describe("DELETE /api/evidence/:id", () => {
  it("answers 204 once and 404 to the rest", async () => {
    const item = await addEvidence(tool, mentor, { title: "Raced away" });
    const responses = await race(() => request(tool.url).delete(`/api/evidence/${item.id}`).set(bearer(mentor.token)));
    expect(statuses(responses)).toEqual(oneWinner(204));
    expect(await Evidence.exists({ _id: item.id })).toBeNull();
  });
});

describe("DELETE /api/evidence/:id/attachments/:attachmentId", () => {
  const attach = async (evidenceId: string) => {
    const res = await request(tool.url)
      .post(`/api/evidence/${evidenceId}/attachments`)
      .set(bearer(mentor.token))
      .attach("file", pngBytes, { filename: "board.png", contentType: "image/png" });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it("deletes an attachment once: 200 with what happened, then 404", async () => {
    const item = await addEvidence(tool, mentor);
    const attachmentId = await attach(item.id);
    const responses = await race(() =>
      request(tool.url).delete(`/api/evidence/${item.id}/attachments/${attachmentId}`).set(bearer(mentor.token)),
    );
    expect(statuses(responses)).toEqual(oneWinner(200));
    expect(responses.find((r) => r.status === 200)!.body).toEqual({ result: "deleted" });
    expect(await Attachment.exists({ _id: attachmentId })).toBeNull();
  });

  it("archives an attachment a submitted version holds once, then answers 404", async () => {
    const item = await addEvidence(tool, mentor);
    const attachmentId = await attach(item.id);
    // A submitted version that froze the file: removing it from the working copy archives it.
    await PortfolioVersion.create({
      tenantId: mentor.tenantId,
      contextId: mentor.courseId,
      mentorUserId: mentor.userId,
      mentorName: "Alex Morgan",
      portfolioId: new mongoose.Types.ObjectId(),
      qualificationCode: "ENTRY",
      number: 1,
      evidence: [{ evidenceId: item.id, title: "Frozen", attachments: [{ id: attachmentId, filename: "board.png" }] }],
      submittedBy: mentor.userId,
      submittedAt: new Date(),
    });
    const responses = await race(() =>
      request(tool.url).delete(`/api/evidence/${item.id}/attachments/${attachmentId}`).set(bearer(mentor.token)),
    );
    expect(statuses(responses)).toEqual(oneWinner(200));
    expect(responses.find((r) => r.status === 200)!.body).toEqual({ result: "archived" });
    expect((await Attachment.findById(attachmentId).lean())!.archivedAt).not.toBeNull();
    expect(
      (await request(tool.url).delete(`/api/evidence/${item.id}/attachments/${attachmentId}`).set(bearer(mentor.token)))
        .status,
    ).toBe(404);
  });
});

describe("DELETE /api/portfolios/:id/evidence/:evidenceId", () => {
  it("takes evidence out of a draft once: 204, then 404", async () => {
    const portfolio = await openPortfolio(tool, mentor, "QMS");
    const item = await addEvidence(tool, mentor);
    await include(tool, mentor, portfolio.id, item.id);
    const responses = await race(() =>
      request(tool.url).delete(`/api/portfolios/${portfolio.id}/evidence/${item.id}`).set(bearer(mentor.token)),
    );
    expect(statuses(responses)).toEqual(oneWinner(204));
  });
});
