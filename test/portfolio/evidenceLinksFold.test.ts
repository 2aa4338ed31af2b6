import crypto from "node:crypto";
import mongoose from "mongoose";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { launch, type Launched } from "./support";

// Before links to standards lived inside their evidence they were documents of their own
// ("evidencelinks"). Start-up folds them into their evidence and removes them; these tests write
// data in the old shape straight to the database, then start the real tool on it.
describe("evidence saved with separate link documents, after an upgrade", () => {
  const databaseName = `t_fold_${crypto.randomBytes(6).toString("hex")}`;
  let tool: RunningTool | undefined;
  afterAll(() => tool?.close());
  const restart = async () => {
    await tool?.close();
    tool = await startTestTool({}, { databaseName });
    return tool;
  };
  const db = () => mongoose.connection.db;

  /** An evidence document as the old code wrote it: no `standards` field. */
  async function oldEvidence(who: Launched, title: string, position: number) {
    const _id = new mongoose.Types.ObjectId();
    const now = new Date();
    await db()
      .collection("evidences")
      .insertOne({
        _id,
        tenantId: who.tenantId,
        contextId: who.courseId,
        mentorUserId: who.userId,
        title,
        practiceDate: new Date("2026-10-01T00:00:00Z"),
        narrativeHtml: "<p>Before the upgrade.</p>",
        links: [],
        position,
        archivedAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
    return _id;
  }
  const oldLink = (
    who: Launched,
    evidenceId: mongoose.Types.ObjectId,
    standardCode: string,
    descriptorCode: string,
    note = "",
  ) => ({
    tenantId: who.tenantId,
    contextId: who.courseId,
    mentorUserId: who.userId,
    evidenceId,
    standardCode,
    descriptorCode,
    note,
    createdAt: new Date(),
    updatedAt: new Date(),
  });

  it("shows the old links on the evidence, removes the link documents, and a second start changes nothing", async () => {
    const mentor = await launch(await restart(), devUsers.mentor);
    const twoLinks = await oldEvidence(mentor, "Observed a lesson", 0);
    const none = await oldEvidence(mentor, "Read an article", 1);
    // Stopped by a crash after folding this one but before removing its old links: the evidence
    // holds what the mentor saved since, which the stale link documents must not overwrite.
    const folded = await oldEvidence(mentor, "Ran a workshop", 2);
    await db()
      .collection("evidences")
      .updateOne(
        { _id: folded },
        { $set: { standards: [{ standardCode: "3", descriptorCode: "", note: "Saved after the fold" }] } },
      );
    await db()
      .collection("evidencelinks")
      .insertMany([
        oldLink(mentor, twoLinks, "2", "2.4", "Questioning"),
        oldLink(mentor, twoLinks, "1", "", "Weekly meetings"),
        oldLink(mentor, folded, "4", "4.2", "stale"),
        // Left behind by evidence deleted long ago.
        oldLink(mentor, new mongoose.Types.ObjectId(), "1", "1.1"),
      ]);

    await restart();
    expect(await db().collection("evidencelinks").countDocuments()).toBe(0);
    const read = async () => {
      const res = await request(tool!.url).get("/api/evidence").set(bearer(mentor.token));
      expect(res.status).toBe(200);
      return Object.fromEntries(
        (res.body.items as Array<{ title: string; standards: unknown[] }>).map((i) => [i.title, i.standards]),
      );
    };
    const expected = {
      "Observed a lesson": [
        { standardCode: "1", descriptorCode: null, note: "Weekly meetings" },
        { standardCode: "2", descriptorCode: "2.4", note: "Questioning" },
      ],
      "Read an article": [],
      "Ran a workshop": [{ standardCode: "3", descriptorCode: null, note: "Saved after the fold" }],
    };
    expect(await read()).toEqual(expected);
    expect((await db().collection("evidences").findOne({ _id: twoLinks }))!.standards).toHaveLength(2);
    expect(await db().collection("evidences").findOne({ _id: none })).not.toHaveProperty("standards");

    const before = await db().collection("evidences").find({}).sort({ _id: 1 }).toArray();
    await restart();
    expect(await db().collection("evidences").find({}).sort({ _id: 1 }).toArray()).toEqual(before);
    expect(await read()).toEqual(expected);

    // The folded evidence is edited as any other: its links are replaced whole.
    const item = (await request(tool!.url).get(`/api/evidence/${twoLinks}`).set(bearer(mentor.token))).body as {
      version: number;
    };
    const edited = await request(tool!.url)
      .patch(`/api/evidence/${twoLinks}`)
      .set(bearer(mentor.token))
      .send({ standards: [{ standardCode: "4", descriptorCode: "4.1", note: "" }], expectedVersion: item.version });
    expect(edited.status).toBe(200);
    expect(edited.body.standards).toEqual([{ standardCode: "4", descriptorCode: "4.1", note: "" }]);
  });
});
