import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Notice } from "../../server/src/models/notice";
import { PanelDecision } from "../../server/src/models/panelReview";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import {
  addEvidence,
  confirmOutcome,
  dayFromToday,
  launch,
  panelCourse,
  releaseAfterPanel,
  submitQms,
  type Launched,
} from "../portfolio/support";

// #17 item 5: people are told. Each event makes one notice for its person, which they can mark read.
let tool: RunningTool;
let mentor: Launched;
let otherMentor: Launched;
let leadMentor: Launched;

const standards = defaultProgramme().standards.map((s) => s.code);

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  otherMentor = await launch(tool, devUsers.mentor2);
  leadMentor = await launch(tool, "dev-lead-mentor-1");
});
afterAll(() => tool?.close());

const api = () => request(tool.url);
const noticesOf = async (who: Launched) => {
  const res = await api().get("/api/notices").set(bearer(who.token));
  expect(res.status).toBe(200);
  return res.body as {
    notices: Array<{
      id: string;
      kind: string;
      title: string;
      body: string;
      link: string | null;
      readAt: string | null;
    }>;
    unread: number;
  };
};

/** A course of its own with its panel round (both tutors sit on it) and the mentor's QMS portfolio submitted to it. */
async function panelCourseWithSubmission(name: string) {
  const c = await panelCourse(tool, name);
  const round = await api()
    .post("/api/panel/rounds")
    .set(bearer(c.lead.token))
    .send({ name: `${name} panel`, date: dayFromToday(5), memberUserIds: [c.t1.userId, c.t2.userId] })
    .expect(201);
  return { ...c, roundId: round.body.id as string, ...(await submitQms(tool, c.mentor)) };
}

describe("the notices list", () => {
  it("needs a session", async () => {
    expect((await api().get("/api/notices")).status).toBe(401);
    expect((await api().post("/api/notices/0123456789abcdef01234567/read")).status).toBe(401);
    expect((await api().post("/api/notices/read-all")).status).toBe(401);
  });

  it("are not queued for e-mail without SMTP_URL, and no e-mail job runs", async () => {
    const item = await addEvidence(tool, mentor, { title: "Questioning" });
    await api()
      .post("/api/evidence-comments")
      .set(bearer(leadMentor.token))
      .send({ evidenceId: item.id, body: "Open questions?" })
      .expect(201);
    const notice = await Notice.findOne({ mentorUserId: mentor.userId, body: "Open questions?" }).lean();
    expect(notice).not.toBeNull();
    expect(notice!.emailState ?? null).toBeNull();
    expect(tool.jobs.names).not.toContain("notice-email");
    await api().post("/api/notices/read-all").set(bearer(mentor.token)).expect(200);
  });

  it("refuses a limit out of range, naming it", async () => {
    const res = await api().get("/api/notices?limit=500").set(bearer(mentor.token));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/How many notices/);
    expect(res.body.error.message).not.toMatch(/query\.limit/);
  });
});

describe("a comment on evidence", () => {
  it("tells the mentor of a comment on their evidence (not of their own reply), and is marked read once", async () => {
    await api().post("/api/notices/read-all").set(bearer(mentor.token)).expect(200);
    const item = await addEvidence(tool, mentor, { title: "Target setting" });
    expect(
      (
        await api()
          .post("/api/evidence-comments")
          .set(bearer(leadMentor.token))
          .send({ evidenceId: item.id, body: "Which target mattered most?" })
      ).status,
    ).toBe(201);
    expect(
      (
        await api()
          .post("/api/evidence-comments")
          .set(bearer(mentor.token))
          .send({ evidenceId: item.id, body: "Behaviour routines." })
      ).status,
    ).toBe(201);

    const listed = await noticesOf(mentor);
    expect(listed.unread).toBe(1);
    expect(listed.notices[0]).toEqual(
      expect.objectContaining({
        kind: "evidence_comment",
        title: "Ruth Adeyemi commented on your evidence",
        body: "Which target mattered most?",
        link: "/evidence",
        readAt: null,
      }),
    );
    // Nobody else sees it, and nobody else may mark it.
    expect(await noticesOf(otherMentor)).toEqual({ notices: [], unread: 0 });
    const id = listed.notices[0].id;
    expect((await api().post(`/api/notices/${id}/read`).set(bearer(otherMentor.token))).status).toBe(404);
    expect((await api().post(`/api/notices/${id}/read`).set(bearer(leadMentor.token))).status).toBe(404);
    expect((await api().post("/api/notices/not-an-id/read").set(bearer(mentor.token))).status).toBe(400);

    const read = await api().post(`/api/notices/${id}/read`).set(bearer(mentor.token));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await api().post(`/api/notices/${id}/read`).set(bearer(mentor.token));
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await noticesOf(mentor)).unread).toBe(0);
  });

  it("tells the lead mentor of the mentor's reply to their comment, once each reply", async () => {
    const item = await addEvidence(tool, mentor, { title: "Observation write-up" });
    await api()
      .post("/api/evidence-comments")
      .set(bearer(leadMentor.token))
      .send({ evidenceId: item.id, body: "What did the trainee change?" })
      .expect(201);
    const before = (await noticesOf(leadMentor)).notices.length;
    await api()
      .post("/api/evidence-comments")
      .set(bearer(mentor.token))
      .send({ evidenceId: item.id, body: "Their questioning." })
      .expect(201);
    const told = await noticesOf(leadMentor);
    expect(told.notices).toHaveLength(before + 1);
    expect(told.notices[0]).toMatchObject({
      kind: "comment_reply",
      title: expect.stringMatching(/replied to your comment$/),
      body: "Their questioning.",
      link: `/mentor-work/${mentor.userId}`,
      readAt: null,
    });
    // The mentor is not told of their own reply.
    expect((await noticesOf(mentor)).notices.some((n) => n.body === "Their questioning.")).toBe(false);
  });

  it("are all marked read at once, only one's own", async () => {
    const item = await addEvidence(tool, mentor, { title: "Feedback conversations" });
    const before = (await noticesOf(mentor)).unread;
    for (const body of ["Good.", "What next?"]) {
      expect(
        (await api().post("/api/evidence-comments").set(bearer(leadMentor.token)).send({ evidenceId: item.id, body }))
          .status,
      ).toBe(201);
    }
    await api().post("/api/notices/read-all").set(bearer(otherMentor.token)).expect(200, { marked: 0 });
    expect((await noticesOf(mentor)).unread).toBe(before + 2);
    // The home page asks for the newest few unread ones.
    const few = await api().get("/api/notices?only=unread&limit=1").set(bearer(mentor.token)).expect(200);
    expect(few.body).toEqual({
      notices: [expect.objectContaining({ body: "What next?", readAt: null })],
      unread: before + 2,
    });
    expect((await api().get("/api/notices?only=read").set(bearer(mentor.token))).status).toBe(400);
    expect((await api().post("/api/notices/read-all").set(bearer(mentor.token))).body).toEqual({ marked: before + 2 });
    expect((await noticesOf(mentor)).unread).toBe(0);
  });
});

describe("hours over the funded cap", () => {
  const log = (hours: number) =>
    api()
      .post("/api/hours")
      .set(bearer(otherMentor.token))
      .send({ date: "2025-10-14", activity: "Mentor training", hours, kind: "initial" })
      .expect(201);
  const capNotices = async () => (await noticesOf(otherMentor)).notices.filter((n) => n.kind === "hours_over_cap");

  it("tells the mentor once when their hours cross the year's cap, and again only after they drop back under and cross again", async () => {
    // 2025/26: 16 hours of initial training are funded.
    await log(10);
    await log(6);
    expect(await capNotices()).toEqual([]);
    const crossed = await log(3);
    expect(crossed.body.warnings).toEqual([expect.stringMatching(/3 of these 3 hours are beyond the 16-hour cap/)]);
    const first = await capNotices();
    expect(first).toEqual([
      expect.objectContaining({
        title: "Your initial training hours for 2025/26 are over the funded cap",
        body: expect.stringMatching(
          /You now have 19 hours of initial training .*Funding covers up to 16: the 3 beyond it/,
        ),
        link: "/hours",
        readAt: null,
      }),
    ]);
    // Already over: more hours tell nothing new.
    const more = await log(2);
    expect(await capNotices()).toHaveLength(1);

    // Back under the cap (21 → 16), then over again: a new crossing.
    const entries = more.body.entries as Array<{ id: string; hours: number }>;
    for (const hours of [3, 2]) {
      const entry = entries.find((e) => e.hours === hours)!;
      await api().delete(`/api/hours/entries/${entry.id}`).set(bearer(otherMentor.token)).expect(204);
    }
    expect(await capNotices()).toHaveLength(1);
    await log(1);
    const second = await capNotices();
    expect(second).toHaveLength(2);
    expect(second[0].body).toMatch(/You now have 17 hours/);
  });
});

describe("panel outcomes and certificates", () => {
  it("a resubmission tells the mentor on release, once, linking to the version's suggestions per standard; a stop before telling is finished by the sweep", async () => {
    const c = await panelCourseWithSubmission("told-resubmit");
    await confirmOutcome(tool, {
      versionId: c.versionId,
      reviewers: [c.t1, c.t2],
      lead: c.lead,
      outcome: "resubmit",
      standardCodes: standards,
      unmet: ["2"],
    });
    // Decided, not released: nothing yet.
    expect(await noticesOf(c.mentor)).toEqual({ notices: [], unread: 0 });
    await releaseAfterPanel(tool, c.lead, c.roundId);
    const told = await noticesOf(c.mentor);
    expect(told.notices).toEqual([
      expect.objectContaining({
        kind: "outcome_released",
        title: "The panel's suggestions for your QMS portfolio",
        link: `/portfolio/${c.portfolioId}/versions/1`,
        readAt: null,
      }),
    ]);
    // The link opens the version with each standard's judgement and the suggestion for standard 2.
    const version = await api()
      .get(`/api/portfolios/${c.portfolioId}/versions/1`)
      .set(bearer(c.mentor.token))
      .expect(200);
    expect(version.body.feedback.judgements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ standardCode: "2", comment: "Add dated evidence for standard 2" }),
      ]),
    );

    // A stop after release but before the follow-ups finished: the sweep tells the mentor, once.
    await Notice.deleteMany({ contextId: `course-told-resubmit`, mentorUserId: c.mentor.userId });
    await PanelDecision.updateMany(
      { versionId: c.versionId },
      { $set: { followUpsDoneAt: null, releasedAt: new Date(Date.now() - 5 * 60_000) } },
    );
    expect(await tool.jobs.runNow("panel-follow-ups")).toBe("succeeded");
    expect(await tool.jobs.runNow("panel-follow-ups")).toBe("succeeded");
    expect((await noticesOf(c.mentor)).notices).toEqual([
      expect.objectContaining({ kind: "outcome_released", link: `/portfolio/${c.portfolioId}/versions/1` }),
    ]);
  });

  it("an approval tells the mentor of the outcome and of the certificate issued; revoking it tells them too; each once", async () => {
    const c = await panelCourseWithSubmission("told-approved");
    await confirmOutcome(tool, {
      versionId: c.versionId,
      reviewers: [c.t1, c.t2],
      lead: c.lead,
      outcome: "approved",
      standardCodes: standards,
    });
    await releaseAfterPanel(tool, c.lead, c.roundId);
    const certificates = (await api().get("/api/certificates").set(bearer(c.mentor.token)).expect(200)).body
      .certificates;
    expect(certificates).toHaveLength(1);
    const certificate = certificates[0];
    const told = await noticesOf(c.mentor);
    expect(told.unread).toBe(2);
    expect(told.notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "outcome_released",
          title: "Your QMS portfolio is approved",
          link: `/portfolio/${c.portfolioId}/versions/1`,
        }),
        expect.objectContaining({
          kind: "certificate_issued",
          title: expect.stringMatching(/certificate is issued$/),
          body: expect.stringContaining(certificate.verificationCode),
          link: "/credentials",
        }),
      ]),
    );
    // Running the follow-ups again (a retry) tells nothing twice.
    await PanelDecision.updateMany(
      { versionId: c.versionId },
      { $set: { followUpsDoneAt: null, releasedAt: new Date(Date.now() - 5 * 60_000) } },
    );
    expect(await tool.jobs.runNow("panel-follow-ups")).toBe("succeeded");
    expect((await noticesOf(c.mentor)).notices).toHaveLength(2);

    await api()
      .post(`/api/certificates/${certificate.id}/revoke`)
      .set(bearer(c.lead.token))
      .send({ reason: "Issued to the wrong mentor." })
      .expect(200);
    const after = await noticesOf(c.mentor);
    expect(after.notices).toHaveLength(3);
    expect(after.notices[0]).toMatchObject({
      kind: "certificate_revoked",
      body: expect.stringContaining("Issued to the wrong mentor."),
      link: "/credentials",
      readAt: null,
    });
    // Nobody else in the course is told the mentor's news.
    expect((await noticesOf(c.t1)).notices).toEqual([]);
  });
});
