import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose, { Schema } from "mongoose";
import { startEmbeddedEngine, type EmbeddedEngine } from "../../server/src/db/embeddedEngine";
import { PanelReview } from "../../server/src/models/panelReview";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";

// The embedded engine is FerretDB patched (tools/embedded-db/_patch) to narrow indexed
// equality filters in SQL. A prefilter that drops a matching document would lose data
// silently, so these tests compare every answer with MongoDB's semantics and check, through
// the engine's own `explain`, that SQLite really uses the index.
describe("embedded engine: indexed filters", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-pushdown-"));
  let engine: EmbeddedEngine;
  let conn: mongoose.Connection;

  const Item = new Schema({
    tenant: Schema.Types.Mixed,
    owner: Schema.Types.Mixed,
    kind: String,
    n: Number,
    ref: Schema.Types.ObjectId,
    delivery: Schema.Types.Mixed,
  });
  Item.index({ tenant: 1, owner: 1 });
  Item.index({ ref: 1 });
  Item.index({ "delivery.status": 1, "delivery.at": 1 });
  let Model: mongoose.Model<mongoose.InferSchemaType<typeof Item>>;
  const ref = new mongoose.Types.ObjectId();

  beforeAll(async () => {
    engine = await startEmbeddedEngine(dir);
    conn = await mongoose.createConnection(`${engine.uri}pushdowntest`).asPromise();
    Model = conn.model("Item", Item);
    await Model.createCollection();
    await Model.createIndexes();
    const docs: Record<string, unknown>[] = [];
    for (let i = 0; i < 300; i++)
      docs.push({
        tenant: `t${i % 3}`,
        owner: `o${i % 50}`,
        kind: "plain",
        n: i,
        delivery: { status: i < 5 ? "pending" : "done" },
      });
    docs.push(
      { tenant: "t1", owner: ["o7", "o8"], kind: "array-owner" },
      { tenant: ["t0", "t1"], owner: "o7", kind: "array-tenant" },
      { tenant: "t1", owner: { id: "o7" }, kind: "object-owner" },
      { tenant: "t1", owner: "o<7>", kind: "html" },
      { tenant: "t1", owner: "ø7", kind: "unicode" },
      { tenant: "t1", owner: '["t1","o7"]\\ \n\u2028', kind: "json-like" },
      { tenant: "t1", kind: "no-owner" },
      { tenant: "t1", owner: "o7", ref, kind: "with-ref" },
      { tenant: "t5", delivery: [{ status: "done" }, { status: "pending" }], kind: "array-parent" },
      { tenant: "t5", delivery: { status: ["pending", "late"] }, kind: "array-leaf" },
      { tenant: "t5", delivery: "pending", kind: "scalar-parent" },
    );
    await Model.insertMany(docs);
  });
  afterAll(async () => {
    await conn?.close();
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("matches array elements, not only scalars, for indexed equality and $in", async () => {
    const kinds = async (filter: object) => (await Model.find(filter).lean()).map((d) => d.kind).sort();
    // i % 3 == 1 and i % 50 == 7 → i in {7, 157} → 2 plain rows.
    expect(await kinds({ tenant: "t1", owner: "o7" })).toEqual([
      "array-owner",
      "array-tenant",
      "plain",
      "plain",
      "with-ref",
    ]);
    expect(await kinds({ tenant: "t1", owner: { $in: ["o8", "o7"] } })).toEqual(
      ["array-owner", "array-tenant", "plain", "plain", "plain", "plain", "with-ref"].sort(),
    );
    expect(await kinds({ owner: { $eq: "o<7>" } })).toEqual(["html"]);
    expect(await kinds({ tenant: "t1", owner: "ø7" })).toEqual(["unicode"]);
    expect(await kinds({ ref })).toEqual(["with-ref"]);
    expect(await kinds({ tenant: "t1", owner: { $in: [] } })).toEqual([]);
    expect(await kinds({ tenant: "t1", owner: '["t1","o7"]\\ \n\u2028' })).toEqual(["json-like"]);
    expect(await kinds({ tenant: "t1", owner: null })).toEqual(["no-owner"]);
    expect(await Model.countDocuments({ tenant: "t2" })).toBe(100);
    // Dotted paths: an array anywhere along the path matches by element.
    expect(await kinds({ "delivery.status": "pending" })).toEqual([
      "array-leaf",
      "array-parent",
      "plain",
      "plain",
      "plain",
      "plain",
      "plain",
    ]);
    expect(await kinds({ "delivery.status": { $in: ["late"] } })).toEqual(["array-leaf"]);
    expect(await Model.countDocuments({ tenant: "t9" })).toBe(0);
  });

  it("updates and deletes through the narrowed filter without touching other rows", async () => {
    await Model.updateMany({ tenant: "t2", owner: "o9" }, { $set: { kind: "touched" } });
    expect(await Model.countDocuments({ kind: "touched" })).toBe(2);
    await Model.deleteMany({ tenant: "t2", owner: "o9" });
    expect(await Model.countDocuments({ tenant: "t2" })).toBe(98);
    const found = await Model.findOneAndUpdate(
      { tenant: "t0", owner: "o0" },
      { $set: { kind: "first" } },
      { new: true },
    ).lean<{ kind: string }>();
    expect(found?.kind).toBe("first");
  });

  it("uses the declared index in SQLite's plan (explain)", async () => {
    // A collection whose indexed fields never hold arrays, as the tool's own keys are.
    const Clean = conn.model(
      "Clean",
      new Schema({ tenant: String, owner: String, delivery: { status: String, at: Date }, kind: String })
        .index({ tenant: 1, owner: 1 })
        .index({ "delivery.status": 1, "delivery.at": 1 }),
    );
    await Clean.createCollection();
    await Clean.createIndexes();
    await Clean.insertMany(
      Array.from({ length: 200 }, (_, i) => ({
        tenant: `t${i % 3}`,
        owner: `o${i}`,
        delivery: { status: i % 2 ? "done" : "pending", at: new Date() },
        kind: "k",
      })),
    );
    const plan = async (collection: string, filter: object) => {
      const out = (await conn.db.command({ explain: { find: collection, filter }, verbosity: "queryPlanner" })) as {
        queryPlanner: unknown;
        filterPushdown?: boolean;
      };
      return { pushdown: out.filterPushdown as boolean, plan: JSON.stringify(out.queryPlanner) };
    };
    const indexed = await plan("cleans", { tenant: "t1", owner: "o7" });
    expect(indexed.pushdown).toBe(true);
    expect(indexed.plan).toMatch(/USING INDEX cleans_\w+_tenant_1_owner_1 \(<expr>=\? AND <expr>=\?\)/);
    expect(indexed.plan).not.toMatch(/detail=SCAN /);
    const nested = await plan("cleans", { "delivery.status": "pending", "delivery.at": { $lte: new Date() } });
    expect(nested.plan).toMatch(/USING INDEX cleans_\w+_delivery\.status_1_delivery\.at_1/);
    expect(nested.plan).not.toMatch(/detail=SCAN /);
    expect((await Clean.find({ "delivery.status": "pending", tenant: "t1" }).lean()).length).toBe(33);

    // Where some documents hold arrays in a field, that field cannot narrow by index; the others still do.
    const byRef = await plan("items", { ref, owner: "o7" });
    expect(byRef.plan).toMatch(/USING INDEX items_\w+_ref_1/);
    expect(byRef.plan).not.toMatch(/detail=SCAN /);
    const arrays = await plan("items", { tenant: "t1", owner: "o7" });
    expect(arrays.pushdown).toBe(false);
    // Unindexed fields are still answered, by a scan.
    const unindexed = await plan("items", { kind: "plain" });
    expect(unindexed.pushdown).toBe(false);
    expect(unindexed.plan).toMatch(/detail=SCAN /);
  });

  it("narrows the evidence list's lookup of versions by the owner's index, not the evidence path through an array", async () => {
    const Versions = conn.model("PortfolioVersion", PortfolioVersion.schema);
    await Versions.createCollection();
    await Versions.createIndexes();
    const evidenceId = new mongoose.Types.ObjectId().toString();
    await Versions.insertMany(
      Array.from({ length: 40 }, (_, i) => ({
        tenantId: "t1",
        contextId: "c1",
        mentorUserId: `m${i % 10}`,
        mentorName: "M",
        portfolioId: new mongoose.Types.ObjectId(),
        qualificationCode: "ENTRY",
        number: 1,
        submittedBy: `m${i % 10}`,
        submittedAt: new Date(),
        evidence: [{ evidenceId: i === 7 ? evidenceId : new mongoose.Types.ObjectId().toString(), title: "x" }],
      })),
    );
    const plan = async (filter: object) =>
      JSON.stringify(
        (
          (await conn.db.command({ explain: { find: "portfolioversions", filter }, verbosity: "queryPlanner" })) as {
            queryPlanner: unknown;
          }
        ).queryPlanner,
      );
    // The shape presenters/evidence.ts sends: the items' tenant, course and mentor, then the ids.
    const owned = {
      tenantId: { $in: ["t1"] },
      contextId: { $in: ["c1"] },
      mentorUserId: { $in: ["m7"] },
      "evidence.evidenceId": { $in: [evidenceId] },
    };
    expect(await plan(owned)).toMatch(/USING INDEX portfolioversions_\w+_tenantId_1_contextId_1_mentorUserId_1/);
    expect((await Versions.find(owned).lean()).map((v) => v.evidence[0].evidenceId)).toEqual([evidenceId]);
    // The evidence path alone runs through an array, so it is answered by reading every version.
    expect(await plan({ "evidence.evidenceId": { $in: [evidenceId] } })).toMatch(/detail=SCAN /);
  });

  it("keeps SQLite's planner statistics, so a version's reviews are found by its id, not by walking the course", async () => {
    const Reviews = conn.model("PanelReview", PanelReview.schema);
    await Reviews.createCollection();
    await Reviews.createIndexes();
    const ids = Array.from({ length: 1_500 }, () => new mongoose.Types.ObjectId());
    await Reviews.collection.insertMany(
      ids.map((versionId, i) => ({
        tenantId: "t1",
        contextId: "c1",
        roundId: new mongoose.Types.ObjectId(),
        versionId,
        reviewerUserId: `u${i % 5}`,
        createdAt: new Date(),
      })),
    );
    // The shape queries/portfolioReads.ts sends for a mentor's versions.
    const filter = { tenantId: "t1", contextId: "c1", versionId: { $in: [ids[42]] } };
    const plan = async () =>
      JSON.stringify(
        (
          (await conn.db.command({ explain: { find: "panelreviews", filter }, verbosity: "queryPlanner" })) as {
            queryPlanner: unknown;
          }
        ).queryPlanner,
      );
    // Without statistics SQLite prefers the index with more equality terms, (tenant, course,
    // round), and walks the course's reviews; the engine refreshes a changed database's
    // statistics within about ten seconds.
    const byVersion = /USING INDEX panelreviews_\w+_versionId_1_reviewerUserId_1 /;
    const deadline = Date.now() + 60_000;
    let latest = await plan();
    while (!byVersion.test(latest) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      latest = await plan();
    }
    expect(latest).toMatch(byVersion);
    expect(latest).not.toMatch(/tenantId_1_contextId_1_roundId_1/);
    expect(latest).not.toMatch(/detail=SCAN /);
    expect((await Reviews.find(filter).lean()).map((r) => String(r.versionId))).toEqual([String(ids[42])]);
  });
});
