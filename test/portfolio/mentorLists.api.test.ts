import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, include, launch, openPortfolio, passModules, pdfBytes, pngBytes, type Launched } from "./support";

// A mentor's lists read every portfolio's (or item's) details together, each collection once;
// these tests hold that what each shows is its own, exactly as when it is read on its own.

let tool: RunningTool;
let mentor: Launched;
let mentor2: Launched;

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
});
afterAll(async () => tool?.close());

const get = (who: Launched, path: string) => request(tool.url).get(path).set(bearer(who.token)).expect(200);

/** A module the mentor submitted whose passing mark was saved just before the server died: the record still says submitted. */
async function passedByAStuckMark(who: Launched, moduleCode: string): Promise<void> {
  const scope = { tenantId: who.tenantId, contextId: who.courseId, mentorUserId: who.userId };
  await ModuleRecord.updateOne(
    { ...scope, moduleCode },
    { $set: { status: "submitted", attempt: 1, passed: false, versionId: "test" } },
    { upsert: true },
  );
  const record = (await ModuleRecord.findOne({ ...scope, moduleCode }).lean())!;
  await ModuleMark.create({
    ...scope,
    recordId: record._id.toString(),
    moduleCode,
    attempt: 1,
    versionId: "test",
    kind: "mark",
    score: 1,
    scoreMaximum: 1,
    passed: true,
    feedback: "Well done.",
    markedBy: devUsers.tutor,
    markedByName: "Tutor",
  });
}

describe("a mentor's lists", () => {
  it("show each portfolio with its own draft, versions and reasons, as each reads on its own", async () => {
    await passModules(mentor, ["M1"]);
    await passedByAStuckMark(mentor, "M2");
    // Not a module any of these qualifications needs before M3: it must not count for Mastery's M3.
    await ModuleRecord.updateOne(
      { tenantId: mentor.tenantId, contextId: mentor.courseId, mentorUserId: mentor.userId, moduleCode: "M3" },
      { $set: { status: "submitted", attempt: 1, passed: false, versionId: "test" } },
      { upsert: true },
    );

    const entry = await openPortfolio(tool, mentor, "ENTRY");
    const qms = await openPortfolio(tool, mentor, "QMS");
    const mastery = await openPortfolio(tool, mentor, "MASTERY");
    const a = await addEvidence(tool, mentor, { practiceDate: "2026-10-01" });
    const b = await addEvidence(tool, mentor, {
      practiceDate: "2025-09-15",
      standards: [{ standardCode: "2", descriptorCode: "2.4", note: "" }],
    });
    const c = await addEvidence(tool, mentor, { practiceDate: "2026-10-01" });
    await include(tool, mentor, entry.id, a.id);
    await include(tool, mentor, entry.id, b.id);
    // b is in two drafts.
    await include(tool, mentor, mastery.id, b.id);
    await include(tool, mentor, mastery.id, c.id);
    // Entry needs M1 and M2: M2 counts through the mark a crash left unsettled.
    await request(tool.url)
      .post(`/api/portfolios/${entry.id}/submit`)
      .set(bearer(mentor.token))
      .send({ expectedVersion: entry.version })
      .expect(201);

    const list = await get(mentor, "/api/portfolios");
    const listed = list.body.portfolios as Array<{
      id: string;
      evidenceIds: string[];
      versions: Array<{ number: number; qualificationCode: string }>;
      submission: { canSubmit: boolean; reasons: string[] };
    }>;
    expect(listed.map((p) => p.id)).toEqual([entry.id, qms.id, mastery.id]);
    for (const portfolio of listed)
      expect(portfolio).toEqual((await get(mentor, `/api/portfolios/${portfolio.id}`)).body);

    const [entryListed, qmsListed, masteryListed] = listed;
    expect([...entryListed.evidenceIds].sort()).toEqual([a.id, b.id].sort());
    expect(entryListed.versions.map((v) => [v.qualificationCode, v.number])).toEqual([["ENTRY", 1]]);
    expect(entryListed.submission.reasons).toEqual([
      "Version 1 is with the review panel. You can submit again once it has an outcome.",
    ]);
    expect(qmsListed.evidenceIds).toEqual([]);
    expect(qmsListed.versions).toEqual([]);
    expect(qmsListed.submission.reasons).toEqual(["Add at least one piece of evidence to this portfolio."]);
    expect([...masteryListed.evidenceIds].sort()).toEqual([b.id, c.id].sort());
    expect(masteryListed.versions).toEqual([]);
    // b and c span 381 days, so the only thing missing is the modules (M1 passed, M2 by its mark).
    expect(masteryListed.submission.reasons).toEqual(["Complete modules M3, M4, M5, M6 first."]);

    expect((await get(mentor2, "/api/portfolios")).body.portfolios).toEqual([]);
  });

  it("show each piece of evidence with its own files and the versions that froze it, as each reads on its own", async () => {
    const portfolio = await openPortfolio(tool, mentor2, "QLMS");
    const withFiles = await addEvidence(tool, mentor2, { title: "With files" });
    const without = await addEvidence(tool, mentor2, { title: "Without files" });
    const frozen = await addEvidence(tool, mentor2, { title: "Frozen", practiceDate: "2025-09-01" });
    for (const [bytes, filename, contentType] of [
      [pngBytes, "board.png", "image/png"],
      [pdfBytes, "plan.pdf", "application/pdf"],
    ] as const)
      await request(tool.url)
        .post(`/api/evidence/${withFiles.id}/attachments`)
        .set(bearer(mentor2.token))
        .attach("file", bytes, { filename, contentType })
        .expect(201);
    await include(tool, mentor2, portfolio.id, frozen.id);
    await include(tool, mentor2, portfolio.id, without.id);
    await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor2.token))
      .send({ expectedVersion: portfolio.version })
      .expect(201);
    // Another mentor's file on their own evidence is never listed here.
    const elsewhere = await addEvidence(tool, mentor, { title: "Someone else's" });
    await request(tool.url)
      .post(`/api/evidence/${elsewhere.id}/attachments`)
      .set(bearer(mentor.token))
      .attach("file", pngBytes, { filename: "theirs.png", contentType: "image/png" })
      .expect(201);

    const items = (await get(mentor2, "/api/evidence")).body.items as Array<{
      id: string;
      attachments: Array<{ filename: string }>;
      submittedIn: Array<{ qualificationCode: string; number: number }>;
    }>;
    expect(items.map((i) => i.id).sort()).toEqual([withFiles.id, without.id, frozen.id].sort());
    for (const item of items) expect(item).toEqual((await get(mentor2, `/api/evidence/${item.id}`)).body);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(withFiles.id)!.attachments.map((f) => f.filename)).toEqual(["board.png", "plan.pdf"]);
    expect(byId.get(withFiles.id)!.submittedIn).toEqual([]);
    expect(byId.get(without.id)!.attachments).toEqual([]);
    expect(byId.get(without.id)!.submittedIn).toEqual([{ qualificationCode: "QLMS", number: 1 }]);
    expect(byId.get(frozen.id)!.submittedIn).toEqual([{ qualificationCode: "QLMS", number: 1 }]);
  });
});
