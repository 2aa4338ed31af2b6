import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { MentorSupport } from "../../server/src/models/mentorSupport";
import { ROLE } from "@mentor-pathways/dev-platform";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { launch, type Launched } from "../portfolio/support";

let tool: RunningTool;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => tool?.close());
const api = () => request(tool.url);

/**
 * A course of its own, so what other tests assign cannot leak in: two mentors at Brook Primary,
 * one at Fell School, two lead mentors, a tutor and a programme lead, all launched.
 */
async function course(name: string) {
  const courseId = `course-${name}`;
  const platform = tool.devPlatform!;
  platform.addCourse({ id: courseId, title: name, label: name.toUpperCase() });
  const person = (id: string, fullName: string, school: string | undefined, roles: string[], scope?: string[]) => {
    platform.addUser({ id: `${name}-${id}`, name: fullName, ...(school ? { school } : {}) });
    platform.enrol(
      courseId,
      `${name}-${id}`,
      roles,
      scope ? { roleScopeMentor: scope.map((s) => `${name}-${s}`) } : {},
    );
  };
  person("brook-1", "Ada Brook", "Brook Primary", [ROLE.learner]);
  person("brook-2", "Ben Brook", "Brook Primary", [ROLE.learner]);
  person("fell-1", "Fay Fell", "Fell School", [ROLE.learner]);
  person("lm-a", "Lena Lead", "Brook Primary", [ROLE.mentor]);
  person("lm-b", "Liam Lead", "Fell School", [ROLE.mentor]);
  platform.enrol(courseId, devUsers.tutor, [ROLE.instructor]);
  platform.enrol(courseId, devUsers.lead, [ROLE.administrator, ROLE.instructor]);
  const at = (id: string) => launch(tool, `${name}-${id}`, courseId);
  const [brook1, brook2, fell1, lmA, lmB, tutor, lead] = [
    await at("brook-1"),
    await at("brook-2"),
    await at("fell-1"),
    await at("lm-a"),
    await at("lm-b"),
    await launch(tool, devUsers.tutor, courseId),
    await launch(tool, devUsers.lead, courseId),
  ];
  return { courseId, name, brook1, brook2, fell1, lmA, lmB, tutor, lead, person, at };
}

const caseloadIds = async (who: Launched) => {
  const res = await api().get("/api/caseload").set(bearer(who.token));
  expect(res.status).toBe(200);
  return (res.body.mentors as Array<{ id: string }>).map((m) => m.id).sort();
};
const assignSchool = (lead: Launched, body: Record<string, unknown>) =>
  api().post("/api/support/schools").set(bearer(lead.token)).send(body);

describe("assigning by school is a rule, not a copy", () => {
  it("reaches a mentor who first launches with that school after the assignment: caseload, their work, and their own page", async () => {
    const c = await course("rule");
    const assigned = await assignSchool(c.lead, {
      school: "Brook Primary",
      leadMentorUserId: c.lmA.userId,
      linkTutorUserId: c.tutor.userId,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.mentorsUpdated).toBe(2);
    expect(await caseloadIds(c.lmA)).toEqual([c.brook1.userId, c.brook2.userId].sort());

    // A new mentor at Brook Primary, who had never launched when the school was assigned.
    c.person("brook-3", "Cleo Brook", "Brook Primary", [ROLE.learner]);
    const newcomer = await c.at("brook-3");
    expect(await caseloadIds(c.lmA)).toEqual([c.brook1.userId, c.brook2.userId, newcomer.userId].sort());
    expect((await api().get(`/api/mentor-work/${newcomer.userId}`).set(bearer(c.lmA.token))).status).toBe(200);
    const mine = await api().get("/api/support/mine").set(bearer(newcomer.token)).expect(200);
    expect(mine.body).toMatchObject({
      leadMentor: { id: c.lmA.userId, name: "Lena Lead" },
      linkTutor: { id: c.tutor.userId },
    });
    // Nothing was written for the newcomer: it is the school's rule that names their people.
    expect(await MentorSupport.countDocuments({ contextId: c.courseId, mentorUserId: newcomer.userId })).toBe(0);
    const list = await api().get("/api/support").set(bearer(c.lead.token)).expect(200);
    expect(list.body.mentors.find((m: { id: string }) => m.id === newcomer.userId)).toMatchObject({
      leadMentor: { id: c.lmA.userId },
      leadMentorSource: "school",
      linkTutorSource: "school",
    });
    expect(list.body.schoolAssignments).toEqual([
      {
        school: "Brook Primary",
        leadMentor: expect.objectContaining({ id: c.lmA.userId }),
        linkTutor: expect.objectContaining({ id: c.tutor.userId }),
        coordinatingMentor: null,
      },
    ]);

    // The other school's mentor and the other lead mentor are untouched.
    expect(await caseloadIds(c.lmB)).toEqual([]);
    expect((await api().get(`/api/mentor-work/${c.fell1.userId}`).set(bearer(c.lmA.token))).status).toBe(404);
  });

  it("follows a mentor who moves school, and matches the school however it is spelt", async () => {
    const c = await course("move");
    expect((await assignSchool(c.lead, { school: "  fell   school ", leadMentorUserId: c.lmB.userId })).status).toBe(
      200,
    );
    expect(await caseloadIds(c.lmB)).toEqual([c.fell1.userId]);
    // Ben moves from Brook Primary to Fell School (the LMS says so at his next launch).
    c.person("brook-2", "Ben Brook", "Fell School", [ROLE.learner]);
    await c.at("brook-2");
    expect(await caseloadIds(c.lmB)).toEqual([c.brook2.userId, c.fell1.userId].sort());
    const mine = await api().get("/api/support/mine").set(bearer(c.brook2.token)).expect(200);
    expect(mine.body.leadMentor).toMatchObject({ id: c.lmB.userId });
  });

  it("gives way to what is set for one mentor and to the LMS, and a later school assignment replaces what the lead set one by one", async () => {
    const c = await course("order");
    await api()
      .put(`/api/support/mentors/${c.brook1.userId}`)
      .set(bearer(c.lead.token))
      .send({ leadMentorUserId: c.lmB.userId })
      .expect(200);
    await assignSchool(c.lead, { school: "Brook Primary", leadMentorUserId: c.lmA.userId }).expect(200);
    // "Every mentor of a school": Ada's own choice gives way to the school's.
    expect(await caseloadIds(c.lmA)).toEqual([c.brook1.userId, c.brook2.userId].sort());
    expect(await caseloadIds(c.lmB)).toEqual([]);

    // Set for one mentor after the school: that mentor's own choice wins.
    await api()
      .put(`/api/support/mentors/${c.brook2.userId}`)
      .set(bearer(c.lead.token))
      .send({ leadMentorUserId: c.lmB.userId })
      .expect(200);
    expect(await caseloadIds(c.lmA)).toEqual([c.brook1.userId]);
    expect(await caseloadIds(c.lmB)).toEqual([c.brook2.userId]);
    // Cleared for that mentor ("Nobody"): the school's choice applies again.
    await api()
      .put(`/api/support/mentors/${c.brook2.userId}`)
      .set(bearer(c.lead.token))
      .send({ leadMentorUserId: null })
      .expect(200);
    expect(await caseloadIds(c.lmA)).toEqual([c.brook1.userId, c.brook2.userId].sort());

    // A lead mentor whose LMS names Ada (role_scope_mentor) has her, whatever the school's rule says.
    c.person("lm-b", "Liam Lead", "Fell School", [ROLE.mentor], ["brook-1"]);
    const lmB = await c.at("lm-b");
    expect(await caseloadIds(lmB)).toEqual([c.brook1.userId]);
    expect(await caseloadIds(c.lmA)).toEqual([c.brook2.userId]);

    // Clearing the school's lead mentor leaves Ben with nobody; Ada keeps hers from the LMS.
    await assignSchool(c.lead, { school: "Brook Primary", leadMentorUserId: null }).expect(200);
    expect(await caseloadIds(c.lmA)).toEqual([]);
    expect(await caseloadIds(lmB)).toEqual([c.brook1.userId]);
  });

  it("keeps what it was not asked to change, and stays the programme lead's with clear 4xx answers", async () => {
    const c = await course("school-input");
    await assignSchool(c.lead, {
      school: "Brook Primary",
      leadMentorUserId: c.lmA.userId,
      linkTutorUserId: c.tutor.userId,
    }).expect(200);
    await assignSchool(c.lead, { school: "Brook Primary", linkTutorUserId: null }).expect(200);
    const mine = await api().get("/api/support/mine").set(bearer(c.brook1.token)).expect(200);
    expect(mine.body).toMatchObject({ leadMentor: { id: c.lmA.userId }, linkTutor: null });

    expect(
      (await api().post("/api/support/schools").send({ school: "Brook Primary", leadMentorUserId: c.lmA.userId }))
        .status,
    ).toBe(401);
    for (const who of [c.tutor, c.lmA, c.brook1])
      expect((await assignSchool(who, { school: "Brook Primary", leadMentorUserId: c.lmA.userId })).status).toBe(403);
    const nothing = await assignSchool(c.lead, { school: "Brook Primary" });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.message).toMatch(/Choose a lead mentor, a link tutor or a coordinating mentor/);
    const noSchool = await assignSchool(c.lead, { school: "Nowhere School", leadMentorUserId: c.lmA.userId });
    expect(noSchool.status).toBe(400);
    expect(noSchool.body.error.message).toMatch(/^School: no mentor on this course is at “Nowhere School”/);
    const wrong = await assignSchool(c.lead, { school: "Brook Primary", leadMentorUserId: c.brook2.userId });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe("Lead mentor: choose a lead mentor on this course");
    // The rule stays in its course: the same lead mentor and mentor in another course are not linked there.
    tool.devPlatform!.addCourse({ id: "course-school-input-2", title: "Second", label: "SECOND" });
    tool.devPlatform!.enrol("course-school-input-2", c.lmA.userId, [ROLE.mentor]);
    tool.devPlatform!.enrol("course-school-input-2", c.brook1.userId, [ROLE.learner]);
    const [lmAElsewhere] = [
      await launch(tool, c.lmA.userId, "course-school-input-2"),
      await launch(tool, c.brook1.userId, "course-school-input-2"),
    ];
    expect(await caseloadIds(lmAElsewhere)).toEqual([]);
  });
});
