import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { MentorSupport } from "../../server/src/models/mentorSupport";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { mentorGlances } from "../../server/src/queries/caseloadReads";
import { DEMO_LEAD_MENTOR_CASELOAD, ROLE } from "@mentor-pathways/dev-platform";
import { bearer, devCourse, devUsers, otherCourse } from "../support/launch";
import { startTestTool } from "../support/server";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import {
  addEvidence,
  confirmOutcome,
  dayFromToday,
  include,
  launch,
  openPortfolio,
  passModules,
  releaseAfterPanel,
  type Launched,
} from "../portfolio/support";

let tool: RunningTool;
let leadMentor: Launched;
let mentor: Launched;
let mentor4: Launched;
let mentor2: Launched;
let tutor: Launched;
let lead: Launched;

const api = () => request(tool.url);
const caseloadIds = async (who: Launched) => {
  const res = await api().get("/api/caseload").set(bearer(who.token));
  expect(res.status).toBe(200);
  return (res.body.mentors as Array<{ id: string }>).map((m) => m.id);
};
let added = 0;
/** A new lead mentor on the development platform, whose launches name `mentees` in role_scope_mentor. */
function addLeadMentor(mentees: string[]): string {
  const id = `lm-${++added}`;
  tool.devPlatform!.addUser({ id, name: `Lead Mentor ${added}` });
  tool.devPlatform!.enrol(devCourse, id, [ROLE.mentor], { roleScopeMentor: mentees });
  return id;
}

beforeAll(async () => {
  tool = await startTestTool();
  [mentor, mentor2, mentor4, tutor, lead] = await Promise.all([
    launch(tool, devUsers.mentor),
    launch(tool, devUsers.mentor2),
    launch(tool, "dev-mentor-4"),
    launch(tool, devUsers.tutor),
    launch(tool, devUsers.lead),
  ]);
  leadMentor = await launch(tool, "dev-lead-mentor-1");
});
afterAll(async () => tool?.close());

describe("the lead mentor role", () => {
  it("comes from LTI's Mentor role, and the launch's role_scope_mentor becomes their caseload", async () => {
    const session = await api().get("/api/session").set(bearer(leadMentor.token));
    expect(session.body).toMatchObject({ primaryRole: "leadMentor", roles: ["leadMentor"] });
    expect(session.body.abilities).toMatchObject({
      viewCaseload: true,
      buildPortfolio: true,
      reviewPortfolios: false,
      workOnOwnModules: false,
    });
    const stored = await MentorSupport.find({
      tenantId: leadMentor.tenantId,
      contextId: devCourse,
      leadMentorUserId: leadMentor.userId,
    }).lean();
    expect(stored.map((s) => [s.mentorUserId, s.leadMentorSource]).sort()).toEqual(
      DEMO_LEAD_MENTOR_CASELOAD.map((id) => [id, "lms"]).sort(),
    );
  });

  it("follows the LMS: a later launch naming fewer mentors drops the others, the same list writes nothing", async () => {
    const id = addLeadMentor(["dev-mentor-5", "dev-mentor-7"]);
    await launch(tool, "dev-mentor-5");
    await launch(tool, "dev-mentor-7");
    const first = await launch(tool, id);
    expect((await caseloadIds(first)).sort()).toEqual(["dev-mentor-5", "dev-mentor-7"]);
    tool.devPlatform!.enrol(devCourse, id, [ROLE.mentor], { roleScopeMentor: ["dev-mentor-7"] });
    const second = await launch(tool, id);
    expect(await caseloadIds(second)).toEqual(["dev-mentor-7"]);
    const before = await MentorSupport.findOne({ mentorUserId: "dev-mentor-7", contextId: devCourse }).lean();
    await launch(tool, id);
    const after = await MentorSupport.findOne({ mentorUserId: "dev-mentor-7", contextId: devCourse }).lean();
    expect(after!.updatedAt).toEqual(before!.updatedAt);
  });
});

describe("the caseload", () => {
  it("asks for a launch (401) and is only for lead mentors (403)", async () => {
    expect((await api().get("/api/caseload")).status).toBe(401);
    for (const who of [mentor, tutor, lead])
      expect((await api().get("/api/caseload").set(bearer(who.token))).status).toBe(403);
  });

  it("holds the mentors assigned to the lead mentor and nobody else: not other mentors, other courses or other platforms", async () => {
    // The same lead mentor id named for mentor 2 in another course and on another platform.
    await MentorSupport.create({
      tenantId: leadMentor.tenantId,
      contextId: otherCourse,
      mentorUserId: devUsers.mentor2,
      leadMentorUserId: leadMentor.userId,
      leadMentorSource: "lms",
      updatedBy: "test",
    });
    await MentorSupport.create({
      tenantId: "another-platform",
      contextId: devCourse,
      mentorUserId: devUsers.mentor2,
      leadMentorUserId: leadMentor.userId,
      leadMentorSource: "lms",
      updatedBy: "test",
    });
    const ids = await caseloadIds(leadMentor);
    // dev-mentor-6 is named by the LMS but has not opened the tool yet: not on the course's roster here.
    expect(ids.sort()).toEqual([devUsers.mentor, "dev-mentor-4"]);
    for (const path of [
      `/api/mentor-work/${devUsers.mentor2}`,
      `/api/evidence-comments?mentorUserId=${devUsers.mentor2}`,
    ]) {
      expect((await api().get(path).set(bearer(leadMentor.token))).status).toBe(404);
    }
  });

  it("flags who needs attention: no evidence in 30 days, audit before Mastery due, hours over the funded cap", async () => {
    const glance = async () => {
      const res = await api().get("/api/caseload").set(bearer(leadMentor.token));
      return res.body.mentors.find((m: { id: string }) => m.id === "dev-mentor-4");
    };
    expect((await glance()).flags).toEqual(["noRecentEvidence"]);
    await addEvidence(tool, mentor4);
    await passModules(mentor4, ["M1", "M2"]);
    const year = (await glance()).academicYear as string;
    const day = new Date().toISOString().slice(0, 10);
    await TrainingHoursEntry.create({
      tenantId: mentor4.tenantId,
      contextId: devCourse,
      mentorUserId: mentor4.userId,
      versionId: "test",
      date: day,
      academicYear: year,
      activity: "Training day",
      hours: 40,
      kind: "initial",
      loggedBy: mentor4.userId,
      loggedByName: "Jordan Hughes",
    });
    const after = await glance();
    expect(after).toMatchObject({ modulesPassed: 2, evidenceCount: 1, lastEvidenceAddedOn: day, hoursThisYear: 40 });
    expect(after.flags).toContain("auditBeforeMastery");
    expect(after.flags).not.toContain("noRecentEvidence");
    // This year has no caps in the shipped programme, so nothing is over them.
    expect(after.flags).not.toContain("hoursOverCap");
  });

  it("flags hours over the funded cap in a year the programme caps (2025/26: 16 initial hours)", async () => {
    await TrainingHoursEntry.create({
      tenantId: mentor4.tenantId,
      contextId: devCourse,
      mentorUserId: mentor4.userId,
      versionId: "test",
      date: "2026-03-02",
      academicYear: "2025/26",
      activity: "Training day",
      hours: 20,
      kind: "initial",
      loggedBy: mentor4.userId,
      loggedByName: "Jordan Hughes",
    });
    const [then] = await mentorGlances(
      { tenantId: mentor4.tenantId, contextId: devCourse },
      [mentor4.userId],
      new Date("2026-03-10T12:00:00Z"),
    );
    expect(then).toMatchObject({ academicYear: "2025/26", hoursThisYear: 20, hoursOverCap: 4 });
    expect(then.flags).toContain("hoursOverCap");
  });
});

describe("the resubmission flag", () => {
  it("flags a mentor whose portfolio the panel sent back for more evidence, until they resubmit", async () => {
    // A course of its own: the panel and its round touch nothing the other tests read.
    const courseId = "course-caseload-resubmit";
    const platform = tool.devPlatform!;
    platform.addCourse({ id: courseId, title: "Resubmit", label: "RESUB" });
    platform.addUser({ id: "resub-mentor", name: "Rae Sub", school: "Oakfield Primary" });
    platform.enrol(courseId, "resub-mentor", [ROLE.learner]);
    platform.addUser({ id: "resub-lead-mentor", name: "Lee Sub" });
    platform.enrol(courseId, "resub-lead-mentor", [ROLE.mentor], { roleScopeMentor: ["resub-mentor"] });
    platform.enrol(courseId, devUsers.tutor, [ROLE.instructor]);
    platform.enrol(courseId, "dev-tutor-2", [ROLE.instructor]);
    platform.enrol(courseId, devUsers.lead, [ROLE.administrator, ROLE.instructor]);
    const m = await launch(tool, "resub-mentor", courseId);
    const lm = await launch(tool, "resub-lead-mentor", courseId);
    const [t1, t2, pl] = [
      await launch(tool, devUsers.tutor, courseId),
      await launch(tool, "dev-tutor-2", courseId),
      await launch(tool, devUsers.lead, courseId),
    ];
    const flags = async () =>
      (await api().get("/api/caseload").set(bearer(lm.token)).expect(200)).body.mentors[0].flags as string[];

    const round = await api()
      .post("/api/panel/rounds")
      .set(bearer(pl.token))
      .send({ name: "Resubmit panel", date: dayFromToday(5), memberUserIds: [t1.userId, t2.userId] })
      .expect(201);
    await passModules(m, ["M1", "M2"]);
    const item = await addEvidence(tool, m);
    const portfolio = await openPortfolio(tool, m, "QMS");
    await include(tool, m, portfolio.id, item.id);
    const submitted = await api()
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(m.token))
      .send({ expectedVersion: portfolio.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(await flags()).not.toContain("resubmissionPending");
    await confirmOutcome(tool, {
      versionId: submitted.body.id,
      reviewers: [t1, t2],
      lead: pl,
      outcome: "resubmit",
      standardCodes: defaultProgramme().standards.map((s) => s.code),
    });
    await releaseAfterPanel(tool, pl, round.body.id);
    expect(await flags()).toContain("resubmissionPending");
    // The mentor resubmits: nothing is pending on them any more.
    const draft = (await api().get(`/api/portfolios/${portfolio.id}`).set(bearer(m.token)).expect(200)).body as {
      version: number;
    };
    const again = await api()
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(m.token))
      .send({ expectedVersion: draft.version });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await flags()).not.toContain("resubmissionPending");
  });
});

describe("reading a mentor's work: tutors and their lead mentor read, only the mentor edits", () => {
  it("lets the lead mentor and the course's tutors and leads read evidence and portfolio drafts", async () => {
    const item = await addEvidence(tool, mentor, { title: "Feedback after a lesson observation" });
    await api().post("/api/portfolios").set(bearer(mentor.token)).send({ qualificationCode: "QMS" });
    for (const who of [leadMentor, tutor, lead]) {
      const res = await api().get(`/api/mentor-work/${devUsers.mentor}`).set(bearer(who.token));
      expect(res.status).toBe(200);
      expect(res.body.evidence.map((e: { id: string }) => e.id)).toContain(item.id);
      expect(res.body.portfolios.map((p: { qualification: { code: string } }) => p.qualification.code)).toContain(
        "QMS",
      );
      expect(res.body.abilities.edit).toBe(false);
    }
  });

  it("keeps it from other mentors and from the lead mentor of someone else (404), and nobody else edits it", async () => {
    const item = await addEvidence(tool, mentor);
    expect((await api().get(`/api/mentor-work/${devUsers.mentor}`).set(bearer(mentor2.token))).status).toBe(404);
    const otherLeadMentor = await launch(tool, addLeadMentor([]));
    expect((await api().get(`/api/mentor-work/${devUsers.mentor}`).set(bearer(otherLeadMentor.token))).status).toBe(
      404,
    );
    for (const who of [leadMentor, tutor]) {
      expect(
        (
          await api()
            .patch(`/api/evidence/${item.id}`)
            .set(bearer(who.token))
            .send({ title: "Changed", expectedVersion: item.version })
        ).status,
      ).toBe(404);
      expect((await api().delete(`/api/evidence/${item.id}`).set(bearer(who.token))).status).toBe(404);
    }
    expect((await api().get(`/api/mentor-work/nobody-here`).set(bearer(tutor.token))).status).toBe(404);
  });
});

describe("portfolio drafts: read by tutors and the lead mentor, changed by the mentor alone", () => {
  it("refuses a lead mentor and a tutor every change to the mentor's draft (404: it is not theirs), and lets the mentor make it", async () => {
    const item = await addEvidence(tool, mentor, { title: "Draft piece" });
    const opened = await api().post("/api/portfolios").set(bearer(mentor.token)).send({ qualificationCode: "QMS" });
    expect([200, 201]).toContain(opened.status);
    const draft = opened.body as { id: string; version: number };
    for (const who of [leadMentor, tutor, lead]) {
      expect(
        (await api().get(`/api/mentor-work/${devUsers.mentor}`).set(bearer(who.token))).body.portfolios.map(
          (p: { id: string }) => p.id,
        ),
      ).toContain(draft.id);
      expect(
        (
          await api()
            .patch(`/api/portfolios/${draft.id}`)
            .set(bearer(who.token))
            .send({ narrativeHtml: "<p>Changed</p>", expectedVersion: draft.version })
        ).status,
      ).toBe(404);
      expect((await api().put(`/api/portfolios/${draft.id}/evidence/${item.id}`).set(bearer(who.token))).status).toBe(
        404,
      );
      expect(
        (
          await api()
            .post(`/api/portfolios/${draft.id}/submit`)
            .set(bearer(who.token))
            .send({ expectedVersion: draft.version })
        ).status,
      ).toBe(404);
    }
    const own = await api().put(`/api/portfolios/${draft.id}/evidence/${item.id}`).set(bearer(mentor.token));
    expect(own.status).toBe(204);
  });
});

describe("comments on evidence", () => {
  it("is a thread per item: the lead mentor comments, the mentor sees it and replies", async () => {
    const item = await addEvidence(tool, mentor, { title: "Target setting" });
    const comment = await api()
      .post("/api/evidence-comments")
      .set(bearer(leadMentor.token))
      .send({ evidenceId: item.id, body: "Which target mattered most?" });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ authorName: "Ruth Adeyemi", authorRole: "leadMentor", isMine: true });
    const reply = await api()
      .post("/api/evidence-comments")
      .set(bearer(mentor.token))
      .send({ evidenceId: item.id, body: "Behaviour routines." });
    expect(reply.status).toBe(201);
    const threads = await api().get("/api/evidence-comments").set(bearer(mentor.token));
    const thread = threads.body.threads.find((t: { evidenceId: string }) => t.evidenceId === item.id);
    expect(thread.evidenceTitle).toBe("Target setting");
    expect(thread.comments.map((c: { body: string; isMine: boolean }) => [c.body, c.isMine])).toEqual([
      ["Which target mattered most?", false],
      ["Behaviour routines.", true],
    ]);
    const work = await api().get(`/api/mentor-work/${devUsers.mentor}`).set(bearer(tutor.token));
    expect(work.body.evidence.find((e: { id: string }) => e.id === item.id).comments).toHaveLength(2);
  });

  it("refuses tutors (403), others (404), unauthenticated (401) and an empty comment (400 naming it)", async () => {
    const item = await addEvidence(tool, mentor);
    const send = (who: Launched | null, body: object) => {
      const req = api().post("/api/evidence-comments");
      return (who ? req.set(bearer(who.token)) : req).send(body);
    };
    expect((await send(null, { evidenceId: item.id, body: "Hi" })).status).toBe(401);
    const byTutor = await send(tutor, { evidenceId: item.id, body: "Hi" });
    expect(byTutor.status).toBe(403);
    expect(byTutor.body.error.message).toMatch(/lead mentor/);
    expect((await send(mentor2, { evidenceId: item.id, body: "Hi" })).status).toBe(404);
    const other = await addEvidence(tool, mentor2);
    expect((await send(leadMentor, { evidenceId: other.id, body: "Hi" })).status).toBe(404);
    const empty = await send(leadMentor, { evidenceId: item.id, body: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/Comment/);
  });
});

describe("assignments by the programme lead", () => {
  it("assigns a lead mentor by mentor and a link tutor by school; the mentor sees who does what", async () => {
    const id = addLeadMentor([]);
    const newLeadMentor = await launch(tool, id);
    await launch(tool, "dev-mentor-5");
    const tutor2 = await launch(tool, "dev-tutor-2");
    const put = await api()
      .put("/api/support/mentors/dev-mentor-5")
      .set(bearer(lead.token))
      .send({ leadMentorUserId: id });
    expect(put.status).toBe(200);
    expect(await caseloadIds(newLeadMentor)).toEqual(["dev-mentor-5"]);
    const bySchool = await api()
      .post("/api/support/schools")
      .set(bearer(lead.token))
      .send({ school: "Riverside Academy", linkTutorUserId: tutor2.userId });
    expect(bySchool.status).toBe(200);
    expect(bySchool.body.mentorsUpdated).toBeGreaterThanOrEqual(2);
    const list = await api().get("/api/support").set(bearer(lead.token));
    const row = list.body.mentors.find((m: { id: string }) => m.id === "dev-mentor-5");
    expect(row).toMatchObject({
      leadMentor: { id },
      leadMentorSource: "programmeLead",
      linkTutor: { id: tutor2.userId, name: "Dr Sam Okoro" },
    });

    const mentor5 = await launch(tool, "dev-mentor-5");
    const mine = await api().get("/api/support/mine").set(bearer(mentor5.token));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      leadMentor: { name: `Lead Mentor ${added}` },
      linkTutor: { name: "Dr Sam Okoro" },
    });
    expect(mine.body.nextSteps[0]).toMatch(/entry audit/);
  });

  it("shows the next panel round to the mentor", async () => {
    const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const round = await api()
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Spring panel", date, memberUserIds: [devUsers.tutor] });
    expect(round.status).toBe(201);
    const mine = await api().get("/api/support/mine").set(bearer(mentor.token));
    expect(mine.body.nextRound).toEqual({ name: "Spring panel", date });
    expect(mine.body.leadMentor).toMatchObject({ name: "Ruth Adeyemi" });
  });

  it("is the programme lead's alone, and names a wrong choice as the form labels it", async () => {
    expect((await api().get("/api/support").set(bearer(tutor.token))).status).toBe(403);
    expect(
      (
        await api()
          .put("/api/support/mentors/dev-mentor-5")
          .set(bearer(leadMentor.token))
          .send({ leadMentorUserId: leadMentor.userId })
      ).status,
    ).toBe(403);
    const wrong = await api()
      .put("/api/support/mentors/dev-mentor-5")
      .set(bearer(lead.token))
      .send({ leadMentorUserId: devUsers.tutor });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/^Lead mentor/);
    const noSchool = await api()
      .post("/api/support/schools")
      .set(bearer(lead.token))
      .send({ school: "Nowhere School", leadMentorUserId: leadMentor.userId });
    expect(noSchool.status).toBe(400);
    expect(noSchool.body.error.message).toMatch(/^School/);
    expect(
      (await api().put("/api/support/mentors/not-a-mentor").set(bearer(lead.token)).send({ linkTutorUserId: null }))
        .status,
    ).toBe(404);
    // The panel round API stays with the lead: a mentor asking for their people gets their own only.
    expect((await api().get("/api/support/mine").set(bearer(tutor.token))).status).toBe(403);
  });
});
