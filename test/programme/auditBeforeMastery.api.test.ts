import { describe, expect, it } from "vitest";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { bearer, devUsers } from "../support/launch";
import { completeEntryAudit, prepareModule, useToolWithCast } from "./helpers";

// The audit before Mastery measures what the Entry modules changed, so it opens only once they
// are passed: the server refuses it before, and says so in what it sends the client.

const t = useToolWithCast();
const everyDescriptor = defaultProgramme().standards.flatMap((s) => s.descriptors.map((d) => d.code));

type Stage = { code: string; isOpen: boolean; completedAt: string | null; blockers: string[] };
type Standard = {
  code: string;
  entryAverage: number | null;
  currentAverage: number | null;
  stageAverages: Array<{ stage: string; title: string; average: number | null }>;
};

async function auditOf(token: string) {
  const res = await t.api().get("/api/audit").set(bearer(token));
  expect(res.status).toBe(200);
  return res.body as { stages: Stage[]; standards: Standard[] };
}
const stage = (audit: { stages: Stage[] }, code: string) => audit.stages.find((s) => s.code === code)!;

/** Submits a module's work as the mentor and has the tutor pass it, all through the API. */
async function passModule(moduleCode: string) {
  await prepareModule(t.tool, t.cast.mentor, moduleCode);
  expect((await t.api().post(`/api/modules/${moduleCode}/submit`).set(bearer(t.cast.mentor))).status).toBe(201);
  const queue = await t.api().get("/api/marking").set(bearer(t.cast.tutor));
  const item = (
    queue.body.items as Array<{ recordId: string; moduleCode: string; mentor: { id: string }; attempt: number }>
  ).find((i) => i.moduleCode === moduleCode && i.mentor.id === devUsers.mentor)!;
  const marked = await t
    .api()
    .post(`/api/marking/${item.recordId}/mark`)
    .set(bearer(t.cast.tutor))
    .send({ attempt: item.attempt, outcome: "pass", feedback: "Well done." });
  expect(marked.status).toBe(201);
}

const rateAll = async (value: number, reason: string) => {
  const res = await t
    .api()
    .post("/api/audit/ratings")
    .set(bearer(t.cast.mentor))
    .send({ ratings: everyDescriptor.map((descriptor) => ({ descriptor, value, reason })) });
  expect(res.status).toBe(201);
};

describe("the audit before Mastery", () => {
  it("stays closed after the entry audit until Modules 1 and 2 are passed, then opens, and the chart has entry, before Mastery and now", async () => {
    await completeEntryAudit(t.tool, t.cast.mentor, 2);
    let audit = await auditOf(t.cast.mentor);
    expect(stage(audit, "entry").completedAt).not.toBeNull();
    expect(stage(audit, "pre-mastery")).toMatchObject({ isOpen: false, completedAt: null });
    expect(stage(audit, "pre-mastery").blockers.join(" ")).toMatch(/Module 1 and Module 2 are passed/);

    // Every descriptor is rated (the entry audit needed that), yet the stage cannot be completed.
    await rateAll(3, "Ran the weekly meeting all term.");
    const early = await t.api().post("/api/audit/stages/pre-mastery/complete").set(bearer(t.cast.mentor));
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/Module 1 and Module 2/);

    await passModule("M1");
    audit = await auditOf(t.cast.mentor);
    expect(stage(audit, "pre-mastery").isOpen).toBe(false);
    expect(stage(audit, "pre-mastery").blockers.join(" ")).toMatch(/opens when Module 2 is passed/);
    expect((await t.api().post("/api/audit/stages/pre-mastery/complete").set(bearer(t.cast.mentor))).status).toBe(409);

    await passModule("M2");
    audit = await auditOf(t.cast.mentor);
    expect(stage(audit, "pre-mastery")).toMatchObject({ isOpen: true, blockers: [] });
    const done = await t.api().post("/api/audit/stages/pre-mastery/complete").set(bearer(t.cast.mentor));
    expect(done.status).toBe(200);
    expect(stage(done.body, "pre-mastery")).toMatchObject({ isOpen: false });
    expect(stage(done.body, "pre-mastery").completedAt).not.toBeNull();

    await rateAll(4, "Now supporting a new mentor.");
    audit = await auditOf(t.cast.mentor);
    for (const s of audit.standards) {
      expect(s.stageAverages).toEqual([
        { stage: "entry", title: "Entry audit", average: 2 },
        { stage: "pre-mastery", title: "Audit before Mastery", average: 3 },
      ]);
      expect(s.entryAverage).toBe(2);
      expect(s.currentAverage).toBe(4);
    }
  });

  it("is not open for a mentor who has passed the modules but not taken the entry audit", async () => {
    const audit = await auditOf(t.cast.mentor2);
    expect(stage(audit, "entry").isOpen).toBe(true);
    expect(stage(audit, "pre-mastery").isOpen).toBe(false);
    expect(stage(audit, "pre-mastery").blockers.join(" ")).toMatch(/Complete the entry audit first/);
    for (const s of audit.standards) expect(s.stageAverages.map((a) => a.average)).toEqual([null, null]);
  });

  it("is the mentor's own: tutors read whether it is open, and cannot complete it", async () => {
    const read = await t.api().get(`/api/audit?mentorUserId=${devUsers.mentor}`).set(bearer(t.cast.tutor));
    expect(read.status).toBe(200);
    expect((await t.api().post("/api/audit/stages/pre-mastery/complete").set(bearer(t.cast.tutor))).status).toBe(403);
    expect((await t.api().post("/api/audit/stages/pre-mastery/complete")).status).toBe(401);
  });
});
