import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { DecisionEntry } from "../../server/src/models/decisionEntry";
import { PanelAllocation } from "../../server/src/models/panelAllocation";
import { sweepPendingAllocationEntries } from "../../server/src/commands/allocatePortfolios";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { badFields, dayFromToday, judgementsOf, launch, submitQms, type Launched } from "./support";

// Allocation of a round's portfolios to its reviewers (issue #14 item 4), through real HTTP and
// real LTI launches from the development platform: each person's school comes from their launch.

const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator";
const standards = defaultProgramme().standards.map((s) => s.code);
const OAK = "Oakfield Primary";
const RIVER = "Riverside Academy";
const BROOK = "Brook School";

let tool: RunningTool;
let programmeVersion = 40;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(async () => tool?.close());

type Person = { key: string; name: string; school?: string; roles: string[] };

/** A course of its own: people launched (with their schools), the programme set so no sample goes to the lead. */
async function course(name: string, people: Person[]) {
  const courseId = `course-${name}`;
  const platform = tool.devPlatform!;
  platform.addCourse({ id: courseId, title: name, label: name.toUpperCase() });
  platform.enrol(courseId, devUsers.lead, [ADMIN, INSTRUCTOR]);
  const launched: Record<string, Launched> = {};
  for (const p of people) {
    const [givenName, familyName] = p.name.split(" ");
    platform.addUser({
      id: `${name}-${p.key}`,
      name: p.name,
      givenName,
      familyName,
      email: `${name}-${p.key}@example.org`,
      ...(p.school ? { school: p.school } : {}),
    });
    platform.enrol(courseId, `${name}-${p.key}`, p.roles);
    launched[p.key] = await launch(tool, `${name}-${p.key}`, courseId);
  }
  const lead = await launch(tool, devUsers.lead, courseId);
  const base = defaultProgramme();
  const programme = {
    ...base,
    version: programmeVersion++,
    panel: { ...base.panel, moderation: { ...base.panel.moderation, secondReview: "all" as const, samplePercent: 0 } },
  };
  await assignProgramme({
    tenantId: lead.tenantId,
    contextId: courseId,
    programme: await storeProgrammeVersion({ tenantId: lead.tenantId, definition: programme, loadedBy: null }),
    assignedBy: lead.userId,
  });
  return { courseId, lead, p: launched };
}

async function createRound(lead: Launched, members: Launched[]) {
  const round = await request(tool.url)
    .post("/api/panel/rounds")
    .set(bearer(lead.token))
    .send({ name: "Spring panel", date: dayFromToday(5), memberUserIds: members.map((m) => m.userId) })
    .expect(201);
  return round.body.id as string;
}

type Row = {
  versionId: string;
  mentor: { userId: string; school: string | null };
  reviewer: { userId: string; name: string } | null;
  isSameSchool: boolean;
  lockedReason: string | null;
  options: Array<{ userId: string }>;
};
type Allocation = {
  reviewers: Array<{ userId: string; count: number }>;
  rows: Row[];
  unallocated: number;
  allocated?: number;
};

const allocate = (who: Launched, roundId: string) =>
  request(tool.url).post(`/api/panel/rounds/${roundId}/allocation`).set(bearer(who.token));
const readAllocation = (who: Launched, roundId: string) =>
  request(tool.url).get(`/api/panel/rounds/${roundId}/allocation`).set(bearer(who.token));
const reallocate = (who: Launched, roundId: string, versionId: string, reviewerUserId: unknown) =>
  request(tool.url)
    .put(`/api/panel/rounds/${roundId}/allocation/${versionId}`)
    .set(bearer(who.token))
    .send({ reviewerUserId });
const review = (who: Launched, versionId: string) =>
  request(tool.url)
    .post(`/api/panel/versions/${versionId}/review`)
    .set(bearer(who.token))
    .send({ outcome: "approved", summary: "All standards met.", judgements: judgementsOf(standards) });
const reviewerOf = (a: Allocation, versionId: string) =>
  a.rows.find((r) => r.versionId === versionId)!.reviewer?.userId;
const spread = (a: Allocation) =>
  Math.max(...a.reviewers.map((r) => r.count)) - Math.min(...a.reviewers.map((r) => r.count));

/**
 * Three reviewers (two from schools, one a tutor who is also a mentor on the course with a
 * portfolio of their own) and six portfolios from three schools: every rule can be kept at once.
 */
async function schoolsCourse(name: string) {
  const c = await course(name, [
    { key: "ra", name: "Asha Reid", school: OAK, roles: [INSTRUCTOR] },
    { key: "rb", name: "Ben Cole", school: RIVER, roles: [INSTRUCTOR] },
    { key: "rm", name: "Mo Grant", school: BROOK, roles: [INSTRUCTOR, LEARNER] },
    { key: "m1", name: "Ann Oak", school: OAK, roles: [LEARNER] },
    { key: "m2", name: "Bill Oak", school: OAK, roles: [LEARNER] },
    { key: "m3", name: "Cat River", school: RIVER, roles: [LEARNER] },
    { key: "m4", name: "Dan River", school: RIVER, roles: [LEARNER] },
    { key: "m5", name: "Eve Brook", school: BROOK, roles: [LEARNER] },
    { key: "m6", name: "Fay Late", school: OAK, roles: [LEARNER] },
  ]);
  const roundId = await createRound(c.lead, [c.p.ra, c.p.rb, c.p.rm]);
  const versions: Record<string, string> = {};
  for (const key of ["m1", "m2", "m3", "m4", "m5", "rm"]) versions[key] = (await submitQms(tool, c.p[key])).versionId;
  return { ...c, roundId, versions };
}

describe("allocating a round's portfolios to reviewers", () => {
  it("balances counts, never gives a mentor their own portfolio nor one from their school, records each allocation, and allocates later portfolios on a rerun", async () => {
    const c = await schoolsCourse("alloc");
    const schoolOf: Record<string, string> = { [c.p.ra.userId]: OAK, [c.p.rb.userId]: RIVER, [c.p.rm.userId]: BROOK };

    // Before: nothing allocated, and reading the table writes nothing.
    const entriesBefore = await DecisionEntry.countDocuments({ contextId: c.courseId });
    const before = (await readAllocation(c.lead, c.roundId).expect(200)).body as Allocation;
    expect(before.unallocated).toBe(6);
    expect(before.rows.every((r) => r.reviewer === null)).toBe(true);
    expect(await PanelAllocation.countDocuments({ contextId: c.courseId })).toBe(0);
    expect(await DecisionEntry.countDocuments({ contextId: c.courseId })).toBe(entriesBefore);
    // The mentor who reviews is never offered their own portfolio.
    expect(before.rows.find((r) => r.versionId === c.versions.rm)!.options.map((o) => o.userId)).not.toContain(
      c.p.rm.userId,
    );

    const done = await allocate(c.lead, c.roundId);
    expect(done.status).toBe(200);
    const a = done.body as Allocation;
    expect(a.allocated).toBe(6);
    expect(a.unallocated).toBe(0);
    expect(a.reviewers.map((r) => r.count).sort()).toEqual([2, 2, 2]);
    for (const row of a.rows) {
      expect(row.reviewer).not.toBeNull();
      expect(row.reviewer!.userId).not.toBe(row.mentor.userId);
      expect(schoolOf[row.reviewer!.userId]).not.toBe(row.mentor.school);
      expect(row.isSameSchool).toBe(false);
    }
    expect(reviewerOf(a, c.versions.rm)).not.toBe(c.p.rm.userId);

    // Each allocation is an entry of the decision record: who allocated which portfolio to whom.
    const entries = await DecisionEntry.find({ contextId: c.courseId, kind: "allocation" }).lean();
    expect(entries).toHaveLength(6);
    const m1Entry = entries.find((e) => e.subject === `version:${c.versions.m1}`)!;
    expect(m1Entry).toMatchObject({
      actorUserId: c.lead.userId,
      actorRole: "programme lead",
      mentorUserId: c.p.m1.userId,
      roundId: c.roundId,
      before: "not allocated",
    });
    expect(m1Entry.after).toContain(`(${reviewerOf(a, c.versions.m1)})`);
    expect(await PanelAllocation.countDocuments({ contextId: c.courseId, pendingEntry: { $ne: null } })).toBe(0);
    expect(
      (await request(tool.url).get("/api/decisions/verify").set(bearer(c.lead.token)).expect(200)).body,
    ).toMatchObject({ isIntact: true });

    // Running it again changes nothing that is still within the rules.
    const again = (await allocate(c.lead, c.roundId).expect(200)).body as Allocation;
    expect(again.allocated).toBe(0);
    expect(await DecisionEntry.countDocuments({ contextId: c.courseId, kind: "allocation" })).toBe(6);

    // A portfolio submitted after the allocation waits, counted, until the lead allocates again.
    const late = (await submitQms(tool, c.p.m6)).versionId;
    const waiting = (await readAllocation(c.lead, c.roundId).expect(200)).body as Allocation;
    expect(waiting.unallocated).toBe(1);
    expect(waiting.rows.find((r) => r.versionId === late)!.reviewer).toBeNull();
    const rerun = (await allocate(c.lead, c.roundId).expect(200)).body as Allocation;
    expect(rerun.allocated).toBe(1);
    expect(reviewerOf(rerun, late)).not.toBe(c.p.ra.userId); // Fay is at Oakfield, like Asha
    expect(spread(rerun)).toBeLessThanOrEqual(1);
    for (const key of ["m1", "m2", "m3", "m4", "m5", "rm"])
      expect(reviewerOf(rerun, c.versions[key])).toBe(reviewerOf(a, c.versions[key]));
  });

  it("allows a reviewer from the mentor's school only when no other can take it, and flags it", async () => {
    const c = await course("sameschool", [
      { key: "ra", name: "Asha Reid", school: OAK, roles: [INSTRUCTOR] },
      { key: "rb", name: "Ben Cole", school: RIVER, roles: [INSTRUCTOR] },
      { key: "m1", name: "Ann Oak", school: OAK, roles: [LEARNER] },
    ]);
    // Only Asha (Oakfield) sits on the round: Ann's portfolio goes to her, flagged.
    const roundId = await createRound(c.lead, [c.p.ra]);
    const versionId = (await submitQms(tool, c.p.m1)).versionId;
    const a = (await allocate(c.lead, roundId).expect(200)).body as Allocation;
    const row = a.rows.find((r) => r.versionId === versionId)!;
    expect(row.reviewer!.userId).toBe(c.p.ra.userId);
    expect(row.isSameSchool).toBe(true);
    const entry = await DecisionEntry.findOne({
      contextId: c.courseId,
      kind: "allocation",
      subject: `version:${versionId}`,
    }).lean();
    expect(entry!.after).toMatch(/mentor's own school: no other reviewer on the round/);

    // Ben (Riverside) joins the round: the lead's rerun moves it to him, and by hand it cannot go back.
    const round = await request(tool.url).get(`/api/panel/rounds/${roundId}`).set(bearer(c.lead.token)).expect(200);
    await request(tool.url)
      .patch(`/api/panel/rounds/${roundId}`)
      .set(bearer(c.lead.token))
      .send({ memberUserIds: [c.p.ra.userId, c.p.rb.userId], expectedVersion: round.body.version })
      .expect(200);
    const moved = (await allocate(c.lead, roundId).expect(200)).body as Allocation;
    expect(moved.rows.find((r) => r.versionId === versionId)).toMatchObject({
      reviewer: { userId: c.p.rb.userId },
      isSameSchool: false,
    });
    const entryMoved = await DecisionEntry.findOne({
      contextId: c.courseId,
      kind: "allocation",
      subject: `version:${versionId}`,
    })
      .sort({ seq: -1 })
      .lean();
    expect(entryMoved).toMatchObject({
      before: `allocated to Asha Reid (${c.p.ra.userId})`,
      after: `allocated to Ben Cole (${c.p.rb.userId})`,
    });
    const back = await reallocate(c.lead, roundId, versionId, c.p.ra.userId);
    expect(back.status).toBe(400);
    expect(badFields(back.body)).toEqual(["body.reviewerUserId"]);
    expect(back.body.error.message).toMatch(
      /Reviewer: Asha Reid works at the mentor's school \(Oakfield Primary\); choose a reviewer from another school: Ben Cole/,
    );
  });

  it("refuses bad reviewers in sentences naming the field: unknown, not on the round, the mentor themself; only the lead allocates", async () => {
    const c = await schoolsCourse("allocbad");
    const first = (await allocate(c.lead, c.roundId).expect(200)).body as Allocation;
    const entries = await DecisionEntry.countDocuments({ contextId: c.courseId });
    const saved = await PanelAllocation.find({ contextId: c.courseId }).sort({ _id: 1 }).lean();

    const unknown = await reallocate(c.lead, c.roundId, c.versions.m3, "nobody-at-all");
    expect(unknown.status).toBe(400);
    expect(badFields(unknown.body)).toEqual(["body.reviewerUserId"]);
    expect(unknown.body.error.details.fields[0]).toMatchObject({
      label: "Reviewer",
      message: 'Reviewer: "nobody-at-all" is not anyone on this course: choose one of the round\'s members.',
    });

    const notMember = await reallocate(c.lead, c.roundId, c.versions.m3, c.p.m1.userId);
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.message).toContain(
      "Reviewer: Ann Oak is not on this round's panel: add them to the round first, or choose one of its members.",
    );

    const self = await reallocate(c.lead, c.roundId, c.versions.rm, c.p.rm.userId);
    expect(self.status).toBe(400);
    expect(self.body.error.message).toContain(
      "Reviewer: Mo Grant is this portfolio's mentor, and nobody reviews their own portfolio.",
    );

    const empty = await reallocate(c.lead, c.roundId, c.versions.m3, " ");
    expect(empty.status).toBe(400);
    expect(badFields(empty.body)).toEqual(["body.reviewerUserId"]);

    // Tutors on the round read, run and change nothing: the lead allocates.
    for (const res of [
      await readAllocation(c.p.ra, c.roundId),
      await allocate(c.p.ra, c.roundId),
      await reallocate(c.p.ra, c.roundId, c.versions.m3, c.p.rm.userId),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe("Only the programme lead allocates portfolios to reviewers.");
    }
    // A mentor cannot even see the round.
    expect((await readAllocation(c.p.m1, c.roundId)).status).toBe(404);
    // Nothing was saved by any refused request.
    expect(await DecisionEntry.countDocuments({ contextId: c.courseId })).toBe(entries);
    expect(await PanelAllocation.find({ contextId: c.courseId }).sort({ _id: 1 }).lean()).toEqual(saved);

    // A change the rules allow is saved and recorded, once.
    // Cat (Riverside) may go to Asha or Mo: to whichever does not hold her portfolio now.
    const to = [c.p.ra.userId, c.p.rm.userId].find((id) => id !== reviewerOf(first, c.versions.m3))!;
    const changed = await reallocate(c.lead, c.roundId, c.versions.m3, to);
    expect(changed.status).toBe(200);
    expect(reviewerOf(changed.body, c.versions.m3)).toBe(to);
    await reallocate(c.lead, c.roundId, c.versions.m3, to).expect(200);
    expect(
      await DecisionEntry.countDocuments({
        contextId: c.courseId,
        kind: "allocation",
        subject: `version:${c.versions.m3}`,
      }),
    ).toBe(2);
  });

  it("shows reviewers their allocation first; the allocated reviewer gives the first review and another member the second", async () => {
    const c = await schoolsCourse("allocview");
    const a = (await allocate(c.lead, c.roundId).expect(200)).body as Allocation;
    const mine = a.rows.filter((r) => r.reviewer?.userId === c.p.ra.userId).map((r) => r.versionId);
    expect(mine).toHaveLength(2);

    const list = await request(tool.url).get("/api/panel/allocated").set(bearer(c.p.ra.token)).expect(200);
    expect(list.body.portfolios.map((p: { versionId: string }) => p.versionId).sort()).toEqual([...mine].sort());
    expect(list.body.portfolios[0]).toMatchObject({ round: { id: c.roundId }, isReviewed: false });
    // A mentor has nothing allocated.
    expect(
      (await request(tool.url).get("/api/panel/allocated").set(bearer(c.p.m1.token)).expect(200)).body.portfolios,
    ).toEqual([]);

    // Someone else's allocation: Asha may not give its first review, and is told why.
    const theirs = a.rows.find((r) => r.reviewer?.userId === c.p.rb.userId)!;
    const early = await review(c.p.ra, theirs.versionId);
    expect(early.status).toBe(403);
    expect(early.body.error.message).toBe(
      "This portfolio is allocated to Ben Cole for its first review. You can give a second review once theirs is recorded, or ask the programme lead to allocate it to you.",
    );
    // The version's page offers her no judging until then (the abilities the client shows buttons by).
    const versionAs = async (who: Launched) =>
      (await request(tool.url).get(`/api/panel/versions/${theirs.versionId}`).set(bearer(who.token)).expect(200)).body;
    const abilitiesOf = async (who: Launched) => (await versionAs(who)).abilities;
    expect(await abilitiesOf(c.p.ra)).toMatchObject({ judge: false, review: false });
    // ...and the page says why, in the same words, rather than leaving no buttons unexplained.
    expect((await versionAs(c.p.ra)).judgingNote).toBe(early.body.error.message);
    expect(await abilitiesOf(c.p.rb)).toMatchObject({ judge: true, review: true });
    expect((await versionAs(c.p.rb)).judgingNote).toBeNull();
    // Ben records the first review; moderation asks for a second, which another member gives.
    expect((await review(c.p.rb, theirs.versionId)).status).toBe(201);
    expect(await abilitiesOf(c.p.ra)).toMatchObject({ judge: true, review: true });
    expect((await review(c.p.rb, theirs.versionId)).status).toBe(409);
    const second = await review(c.p.ra, theirs.versionId);
    expect(second.status).toBe(201);
    expect(second.body.status).toBe("approved");
    // Once reviewed by its reviewer, the allocation stays.
    const locked = await reallocate(c.lead, c.roundId, theirs.versionId, c.p.rm.userId);
    expect(locked.status).toBe(409);

    // Her own allocation, reviewed, moves below the ones she still has to review.
    expect((await review(c.p.ra, mine[0])).status).toBe(201);
    const after = await request(tool.url).get("/api/panel/allocated").set(bearer(c.p.ra.token)).expect(200);
    expect(
      after.body.portfolios.map((p: { versionId: string; isReviewed: boolean }) => [p.versionId, p.isReviewed]),
    ).toEqual([
      [mine[1], false],
      [mine[0], true],
    ]);
  });

  it("keeps an allocation's decision-record entry when the server stops between the two writes: the sweep appends it once", async () => {
    const c = await schoolsCourse("allocsweep");
    await allocate(c.lead, c.roundId).expect(200);
    // As a stop would leave it: the change saved with the entry it owes, not yet appended.
    const allocation = (await PanelAllocation.findOne({ contextId: c.courseId, versionId: c.versions.m1 }).lean())!;
    const at = new Date(Date.now() - 120_000);
    const owed = {
      tenantId: c.lead.tenantId,
      contextId: c.courseId,
      kind: "allocation",
      actor: { userId: c.lead.userId, name: "Prof Chris Lee", roles: ["lead"] },
      subject: `version:${c.versions.m1}`,
      mentorUserId: c.p.m1.userId,
      roundId: c.roundId,
      before: "x",
      after: "y",
      reason: "automatic allocation by the programme lead",
      at,
      eventKey: `panel-allocation:${allocation._id.toString()}:9`,
    };
    await PanelAllocation.updateOne(
      { _id: allocation._id },
      { $set: { pendingEntry: owed, allocatedAt: at, changes: 9 } },
    );
    const before = await DecisionEntry.countDocuments({ contextId: c.courseId, kind: "allocation" });
    expect(await sweepPendingAllocationEntries()).toBeGreaterThanOrEqual(1);
    expect(await sweepPendingAllocationEntries()).toBe(0);
    expect(await DecisionEntry.countDocuments({ contextId: c.courseId, kind: "allocation" })).toBe(before + 1);
    expect(await DecisionEntry.findOne({ contextId: c.courseId, eventKey: owed.eventKey }).lean()).toMatchObject({
      after: "y",
      subject: `version:${c.versions.m1}`,
    });
    expect((await PanelAllocation.findById(allocation._id).lean())!.pendingEntry).toBeNull();
    expect(
      (await request(tool.url).get("/api/decisions/verify").set(bearer(c.lead.token)).expect(200)).body,
    ).toMatchObject({ isIntact: true });
  });

  it("leaves a lead's own portfolio to another lead: never allocated by them, automatically or by hand", async () => {
    const c = await course("allocownlead", [
      { key: "ra", name: "Asha Reid", school: OAK, roles: [INSTRUCTOR] },
      { key: "ld", name: "Lee Dunn", school: BROOK, roles: [ADMIN, INSTRUCTOR, LEARNER] },
    ]);
    const roundId = await createRound(c.lead, [c.p.ra]);
    const own = (await submitQms(tool, c.p.ld)).versionId;
    const byThemself = (await allocate(c.p.ld, roundId).expect(200)).body as Allocation;
    expect(byThemself.allocated).toBe(0);
    expect(byThemself.rows.find((r) => r.versionId === own)!.reviewer).toBeNull();
    const byHand = await reallocate(c.p.ld, roundId, own, c.p.ra.userId);
    expect(byHand.status).toBe(403);
    expect(byHand.body.error.message).toBe(
      "You cannot allocate your own portfolio. Another programme lead must do it.",
    );
    expect(await PanelAllocation.countDocuments({ contextId: c.courseId })).toBe(0);
    // Another lead allocates it.
    expect(reviewerOf((await allocate(c.lead, roundId).expect(200)).body, own)).toBe(c.p.ra.userId);
  });

  it("a reviewer taken off the round holds nothing there: their portfolios count as unallocated, any member may judge them, and Allocate moves them", async () => {
    const c = await schoolsCourse("allocleave");
    const a = (await allocate(c.lead, c.roundId).expect(200)).body as Allocation;
    const bens = a.rows.filter((r) => r.reviewer?.userId === c.p.rb.userId).map((r) => r.versionId);
    expect(bens).toHaveLength(2);
    const round = await request(tool.url).get(`/api/panel/rounds/${c.roundId}`).set(bearer(c.lead.token)).expect(200);
    await request(tool.url)
      .patch(`/api/panel/rounds/${c.roundId}`)
      .set(bearer(c.lead.token))
      .send({ memberUserIds: [c.p.ra.userId, c.p.rm.userId], expectedVersion: round.body.version })
      .expect(200);
    const table = (await readAllocation(c.lead, c.roundId).expect(200)).body as Allocation;
    expect(table.unallocated).toBe(2);
    expect(table.rows.find((r) => r.versionId === bens[0])!.reviewer!.name).toBe("Ben Cole (no longer on this round)");
    // Until the lead allocates again, a member on the round (not from the mentor's school) may review it.
    const row = table.rows.find((r) => r.versionId === bens[0])!;
    const member = row.mentor.school === OAK ? c.p.rm : c.p.ra;
    expect((await review(member, bens[0])).status).toBe(201);
    const again = (await allocate(c.lead, c.roundId).expect(200)).body as Allocation;
    expect(again.unallocated).toBe(0);
    // The one already reviewed stays as it is, saying why; the other moves to a member.
    expect(again.rows.find((r) => r.versionId === bens[0])).toMatchObject({
      reviewer: { userId: c.p.rb.userId },
      lockedReason: `${member === c.p.rm ? "Mo Grant" : "Asha Reid"} reviewed it after Ben Cole left the round.`,
    });
    const other = again.rows.find((r) => r.versionId === bens[1])!;
    expect([c.p.ra.userId, c.p.rm.userId]).toContain(other.reviewer!.userId);
    const entry = await DecisionEntry.findOne({
      contextId: c.courseId,
      kind: "allocation",
      subject: `version:${bens[1]}`,
    })
      .sort({ seq: -1 })
      .lean();
    expect(entry!.before).toBe(`allocated to Ben Cole (${c.p.rb.userId})`);
  });
});
