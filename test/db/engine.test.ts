import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose, { Schema } from "mongoose";
import { startEmbeddedEngine, type EmbeddedEngine } from "../../server/src/db/embeddedEngine";
import { isDuplicateKeyError } from "../../server/src/errors";

// Proves the embedded engine does what the tool relies on, against the real binary.
describe("embedded database engine (FerretDB + SQLite)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-engine-"));
  let engine: EmbeddedEngine;
  let conn: mongoose.Connection;

  const Thing = new Schema({
    key: { type: String, required: true },
    when: Date,
    ref: Schema.Types.ObjectId,
    count: Number,
    ratio: Number,
    tags: [String],
    nested: { level: Number, label: String },
  });
  Thing.index({ key: 1 }, { unique: true });

  async function connect() {
    conn = await mongoose.createConnection(`${engine.uri}enginetest`).asPromise();
    const model = conn.model("Thing", Thing);
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
    return model;
  }

  beforeAll(async () => {
    engine = await startEmbeddedEngine(dir);
  });
  afterAll(async () => {
    await conn?.close();
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("enforces unique indexes with E11000 on insert and on upsert", async () => {
    const model = await connect();
    await model.create({ key: "a" });
    const insertErr = await model.create({ key: "a" }).catch((e) => e);
    expect(isDuplicateKeyError(insertErr)).toBe(true);
    expect(insertErr.code).toBe(11000);

    await model.create({ key: "b" });
    // An upsert that would create a second "b" via a different filter must be refused too.
    const upsertErr = await model
      .updateOne({ key: "b", count: 99 }, { $set: { count: 1 } }, { upsert: true })
      .catch((e) => e);
    expect(isDuplicateKeyError(upsertErr)).toBe(true);
    expect(await model.countDocuments({ key: "b" })).toBe(1);
  });

  it("keeps data and types (Date, ObjectId, numbers) across a hard kill and restart", async () => {
    const model = conn.model("Thing");
    const when = new Date("2026-09-01T08:30:00.123Z");
    const ref = new mongoose.Types.ObjectId();
    await model.create({
      key: "typed",
      when,
      ref,
      count: 42,
      ratio: 0.375,
      tags: ["x", "y"],
      nested: { level: 7, label: "n" },
    });
    await conn.close();

    process.kill(engine.pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    engine = await startEmbeddedEngine(dir);
    const again = await connect();
    const doc = await again.findOne({ key: "typed" }).lean();
    expect(doc).not.toBeNull();
    expect(doc!.when).toBeInstanceOf(Date);
    expect(doc!.when!.toISOString()).toBe(when.toISOString());
    expect(doc!.ref).toBeInstanceOf(mongoose.Types.ObjectId);
    expect(String(doc!.ref)).toBe(String(ref));
    expect(doc!.count).toBe(42);
    expect(doc!.ratio).toBe(0.375);
    expect(doc!.tags).toEqual(["x", "y"]);
    expect(doc!.nested).toEqual({ level: 7, label: "n" });
    // The unique index survived the restart too.
    expect(isDuplicateKeyError(await again.create({ key: "typed" }).catch((e) => e))).toBe(true);
  });

  it("supports the query shapes the tool relies on", async () => {
    const model = conn.model("Thing");
    await model.insertMany([
      { key: "q1", count: 1, tags: ["m"], when: new Date("2026-01-01") },
      { key: "q2", count: 2, tags: ["m", "t"], when: new Date("2026-02-01") },
      { key: "q3", count: 3, tags: ["t"], when: new Date("2026-03-01") },
    ]);
    // Range + $in + sort + skip/limit + projection.
    const page = await model
      .find({ key: { $in: ["q1", "q2", "q3"] }, when: { $gte: new Date("2026-01-15") } }, { key: 1, count: 1 })
      .sort({ count: -1 })
      .limit(1)
      .lean();
    expect(page.map((d) => d.key)).toEqual(["q3"]);
    // Array membership.
    expect((await model.find({ tags: "t" }).sort({ key: 1 }).lean()).map((d) => d.key)).toEqual(["q2", "q3"]);
    // findOneAndUpdate returning the new document; $inc, $push, $addToSet (single writer).
    await model.updateOne({ key: "q2" }, { $addToSet: { tags: "m" } });
    const updated = await model
      .findOneAndUpdate({ key: "q2" }, { $inc: { count: 5 }, $push: { tags: "z" } }, { new: true })
      .lean<{ count: number; tags: string[] }>();
    expect(updated!.count).toBe(7);
    expect(updated!.tags).toEqual(["m", "t", "z"]);
    // Aggregation with $match/$group($sum)/$sort, the accumulators the engine supports.
    const groups = await model.aggregate([
      { $match: { key: { $in: ["q1", "q2", "q3"] } } },
      { $unwind: "$tags" },
      { $group: { _id: "$tags", n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(groups).toEqual([
      { _id: "m", n: 2 },
      { _id: "t", n: 2 },
      { _id: "z", n: 1 },
    ]);
    expect(await model.countDocuments({ count: { $gt: 2 } })).toBeGreaterThanOrEqual(2);
    // findOneAndDelete (single-use records such as login state).
    expect((await model.findOneAndDelete({ key: "q3" }).lean())?.key).toBe("q3");
    expect(await model.findOne({ key: "q3" })).toBeNull();
  });

  it("lets exactly one of many racing writers win a unique insert (the tool's compare-and-set)", async () => {
    const model = conn.model("Thing");
    const others = await Promise.all(
      [0, 1, 2].map(() => mongoose.createConnection(`${engine.uri}enginetest`).asPromise()),
    );
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => [conn, ...others][i % 4].model("Thing", Thing).create({ key: "race" })),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "rejected" && isDuplicateKeyError(r.reason))).toHaveLength(29);
      expect(await model.countDocuments({ key: "race" })).toBe(1);
    } finally {
      await Promise.all(others.map((c) => c.close()));
    }
  });

  it("rejects TTL indexes, which is why the tool sweeps expired records itself", async () => {
    const err = await conn.db
      .collection("ttlprobe")
      .createIndex({ at: 1 }, { expireAfterSeconds: 10 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Error);
  });
});
