import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import type mongoose from "mongoose";
import { connectFresh } from "./conformanceSupport";

// MongoDB's promises that the server relies on, stated against whichever engine the run uses:
// the embedded engine in `npm test`, or any MongoDB given as MONGODB_URI. Each single-document
// write is atomic (concurrent writers lose nothing; a conditional write has one winner) and
// unique indexes refuse duplicates with E11000 on every path. Every assertion is something
// MongoDB itself guarantees; where MongoDB allows more than one outcome, only what it
// guarantees is asserted.
describe("conformance: single-document atomicity and unique indexes", () => {
  let conn: mongoose.Connection;
  let n = 0;
  /** A collection of this test's own. */
  const fresh = () => conn.db.collection(`c${++n}`);
  const times = <T>(count: number, fn: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, i) => fn(i)));
  const settleAll = <T>(count: number, fn: (i: number) => Promise<T>) =>
    Promise.allSettled(Array.from({ length: count }, (_, i) => fn(i)));
  const codeOf = (r: PromiseSettledResult<unknown>) =>
    r.status === "rejected" ? (r.reason as { code?: number }).code : undefined;

  beforeAll(async () => {
    conn = await connectFresh(inject("mongodbUri"), "conformance");
  });
  afterAll(async () => {
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  describe("concurrent writers to one document lose nothing", () => {
    it("50 concurrent $inc leave the counter at exactly 50", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ n: 0 });
      const results = await times(50, () => c.updateOne({ _id: insertedId }, { $inc: { n: 1 } }));
      expect(results.map((r) => r.modifiedCount)).toEqual(Array(50).fill(1));
      expect((await c.findOne({ _id: insertedId }))!.n).toBe(50);
    });

    it("$inc on a dotted path, as the grade worker counts attempts", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ delivery: { status: "pending", attempts: 0 } });
      await times(30, () => c.updateOne({ _id: insertedId }, { $inc: { "delivery.attempts": 1 } }));
      expect((await c.findOne({ _id: insertedId }))!.delivery).toEqual({ status: "pending", attempts: 30 });
    });

    it("20 concurrent $push keep all 20 elements", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ items: [] });
      await times(20, (i) => c.updateOne({ _id: insertedId }, { $push: { items: i } }));
      const items = (await c.findOne({ _id: insertedId }))!.items as number[];
      expect([...items].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it("concurrent $addToSet keeps every distinct value once, even when each is sent twice", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ tags: ["seed"] });
      await times(40, (i) => c.updateOne({ _id: insertedId }, { $addToSet: { tags: `t${i % 20}` } }));
      // $each, as registrations add deployment ids.
      await times(10, (i) => c.updateOne({ _id: insertedId }, { $addToSet: { tags: { $each: [`e${i}`, "shared"] } } }));
      const tags = (await c.findOne({ _id: insertedId }))!.tags as string[];
      const expected = [
        "seed",
        "shared",
        ...Array.from({ length: 20 }, (_, i) => `t${i}`),
        ...Array.from({ length: 10 }, (_, i) => `e${i}`),
      ];
      expect([...tags].sort()).toEqual(expected.sort());
    });

    it("concurrent updateMany apply every increment to every matching document", async () => {
      const c = fresh();
      await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ group: "g", i, n: 0 })));
      await c.insertOne({ group: "other", n: 0 });
      await times(20, () => c.updateMany({ group: "g" }, { $inc: { n: 1 } }));
      expect((await c.find({ group: "g" }).toArray()).map((d) => d.n)).toEqual(Array(10).fill(20));
      expect((await c.findOne({ group: "other" }))!.n).toBe(0);
    });
  });

  describe("bulk writes answer whatever their size", () => {
    it("applies an unordered bulk of 300 upserts to existing documents (the dashboard recount's shape)", async () => {
      const c = fresh();
      const ids = Array.from({ length: 300 }, (_, i) => `mentor-${i}`);
      await c.insertMany(ids.map((_id) => ({ _id: _id as unknown as never, figures: [{ k: "hours", v: 1 }] })));
      const bulk = c.bulkWrite(
        ids.map((_id) => ({
          updateOne: {
            filter: { _id: _id as unknown as never },
            update: { $set: { figures: [{ k: "hours", v: 2 }] } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      const result = await bulk;
      expect({ matched: result.matchedCount, modified: result.modifiedCount, upserted: result.upsertedCount }).toEqual({
        matched: 300,
        modified: 300,
        upserted: 0,
      });
      expect(await c.countDocuments({ "figures.v": 2 })).toBe(300);
    });
  });

  describe("a conditional write has exactly one winner", () => {
    it("20 concurrent compare-and-set findOneAndUpdate({_id, v: 0}) → one winner", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ v: 0 });
      const results = await times(20, (i) =>
        c.findOneAndUpdate({ _id: insertedId, v: 0 }, { $set: { v: 1, winner: i } }, { returnDocument: "after" }),
      );
      const winners = results.filter((r) => r.value !== null);
      expect(winners).toHaveLength(1);
      expect(await c.findOne({ _id: insertedId })).toEqual(winners[0].value);
    });

    it("20 concurrent conditional updateOne → one modifiedCount in total", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ status: "open" });
      const results = await times(20, (i) =>
        c.updateOne({ _id: insertedId, status: "open" }, { $set: { status: "closed", by: i } }),
      );
      expect(results.reduce((sum, r) => sum + r.modifiedCount, 0)).toBe(1);
      expect(results.reduce((sum, r) => sum + r.matchedCount, 0)).toBe(1);
    });

    it("a guarded decrement never goes below zero", async () => {
      const c = fresh();
      const { insertedId } = await c.insertOne({ seats: 5 });
      const results = await times(20, () =>
        c.updateOne({ _id: insertedId, seats: { $gt: 0 } }, { $inc: { seats: -1 } }),
      );
      expect(results.reduce((sum, r) => sum + r.modifiedCount, 0)).toBe(5);
      expect((await c.findOne({ _id: insertedId }))!.seats).toBe(0);
    });

    it("30 workers claiming 10 pending jobs take each job once", async () => {
      const c = fresh();
      await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ job: i, status: "pending" })));
      const results = await times(30, (i) =>
        c.findOneAndUpdate(
          { status: "pending" },
          { $set: { status: "taken", by: i } },
          { sort: { job: 1 }, returnDocument: "after" },
        ),
      );
      const won = results.flatMap((r) => (r.value ? [r.value] : []));
      expect(won).toHaveLength(10);
      expect(new Set(won.map((d) => d.job)).size).toBe(10);
      const stored = await c.find({}).sort({ job: 1 }).toArray();
      expect(stored.map((d) => [d.status, d.by])).toEqual(
        won.sort((a, b) => a.job - b.job).map((d) => ["taken", d.by]),
      );
    });

    it("concurrent findOneAndDelete and deleteOne remove a document once", async () => {
      const c = fresh();
      const a = (await c.insertOne({ k: "a" })).insertedId;
      const b = (await c.insertOne({ k: "b" })).insertedId;
      const [found, deleted] = await Promise.all([
        times(20, () => c.findOneAndDelete({ _id: a })),
        times(20, () => c.deleteOne({ _id: b })),
      ]);
      expect(found.filter((r) => r.value !== null)).toHaveLength(1);
      expect(deleted.reduce((sum, r) => sum + r.deletedCount, 0)).toBe(1);
      expect(await c.countDocuments({})).toBe(0);
    });
  });

  describe("upserts keyed by a unique index", () => {
    // MongoDB (4.2 on) retries an upsert that loses the insert race internally when its filter
    // is equality on exactly the unique index's fields and the update leaves them alone, so no
    // E11000 reaches the caller. That is the shape tested here; other shapes may raise E11000
    // on MongoDB too, so the server uses only this shape for its upserts.
    it("20 concurrent updateOne upserts of one new key → one document, every update applied", async () => {
      const c = fresh();
      await c.createIndex({ key: 1 }, { unique: true });
      const results = await settleAll(20, (i) =>
        c.updateOne(
          { key: "k" },
          { $inc: { n: 1 }, $setOnInsert: { first: true }, $set: { last: i } },
          { upsert: true },
        ),
      );
      expect(results.map(codeOf)).toEqual(Array(20).fill(undefined));
      const docs = await c.find({ key: "k" }).toArray();
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ n: 20, first: true });
      expect(results.filter((r) => r.status === "fulfilled" && r.value.upsertedCount === 1)).toHaveLength(1);
    });

    it("20 concurrent findOneAndUpdate upserts on a compound unique key → one document", async () => {
      const c = fresh();
      await c.createIndex({ tenantId: 1, contextId: 1, userId: 1 }, { unique: true });
      const key = { tenantId: "t", contextId: "c", userId: "u" };
      const results = await settleAll(20, () =>
        c.findOneAndUpdate(key, { $inc: { launches: 1 } }, { upsert: true, returnDocument: "after" }),
      );
      expect(results.map(codeOf)).toEqual(Array(20).fill(undefined));
      const docs = await c.find(key).toArray();
      expect(docs).toHaveLength(1);
      expect(docs[0].launches).toBe(20);
    });
  });

  describe("unique indexes refuse duplicates with E11000", () => {
    it("on insert, also when 30 writers race for one key", async () => {
      const c = fresh();
      await c.createIndex({ key: 1 }, { unique: true });
      await c.insertOne({ key: "a" });
      await expect(c.insertOne({ key: "a" })).rejects.toMatchObject({ code: 11000 });
      const results = await settleAll(30, () => c.insertOne({ key: "race" }));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 11000)).toHaveLength(29);
      expect(await c.countDocuments({ key: { $in: ["a", "race"] } })).toBe(2);
    });

    it("on a duplicate _id", async () => {
      const c = fresh();
      await c.insertOne({ _id: "lease;x" as never });
      await expect(c.insertOne({ _id: "lease;x" as never })).rejects.toMatchObject({ code: 11000 });
    });

    it("on an update that would make a duplicate, leaving both documents as they were", async () => {
      const c = fresh();
      await c.createIndex({ key: 1 }, { unique: true });
      await c.insertMany([
        { key: "a", n: 1 },
        { key: "b", n: 2 },
      ]);
      await expect(c.updateOne({ key: "b" }, { $set: { key: "a", n: 3 } })).rejects.toMatchObject({ code: 11000 });
      await expect(c.findOneAndUpdate({ key: "b" }, { $set: { key: "a" } })).rejects.toMatchObject({ code: 11000 });
      expect(
        await c
          .find({}, { projection: { _id: 0 } })
          .sort({ key: 1 })
          .toArray(),
      ).toEqual([
        { key: "a", n: 1 },
        { key: "b", n: 2 },
      ]);
    });

    it("on an upsert whose filter misses but whose new document would be a duplicate", async () => {
      const c = fresh();
      await c.createIndex({ key: 1 }, { unique: true });
      await c.insertOne({ key: "b", n: 1 });
      await expect(c.updateOne({ key: "b", n: 99 }, { $set: { x: 1 } }, { upsert: true })).rejects.toMatchObject({
        code: 11000,
      });
      await expect(c.findOneAndUpdate({ key: "b", n: 98 }, { $set: { x: 1 } }, { upsert: true })).rejects.toMatchObject(
        { code: 11000 },
      );
      expect(await c.countDocuments({ key: "b" })).toBe(1);
    });

    it("per combination on a compound index", async () => {
      const c = fresh();
      await c.createIndex({ recordId: 1, attempt: 1 }, { unique: true });
      await c.insertMany([
        { recordId: "r", attempt: 1 },
        { recordId: "r", attempt: 2 },
        { recordId: "s", attempt: 1 },
      ]);
      await expect(c.insertOne({ recordId: "r", attempt: 2 })).rejects.toMatchObject({ code: 11000 });
      expect(await c.countDocuments({})).toBe(3);
    });

    it("per document in an unordered insertMany, inserting the rest (as claimEach relies on)", async () => {
      const c = fresh();
      await c.insertMany([{ _id: "k1" }, { _id: "k3" }] as never[]);
      const err = await c
        .insertMany([{ _id: "k0" }, { _id: "k1" }, { _id: "k2" }, { _id: "k3" }, { _id: "k4" }] as never[], {
          ordered: false,
        })
        .catch((e) => e);
      const writeErrors = [err.writeErrors].flat() as Array<{ index: number; code: number }>;
      expect(writeErrors.map((e) => [e.index, e.code])).toEqual([
        [1, 11000],
        [3, 11000],
      ]);
      expect((await c.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(["k0", "k1", "k2", "k3", "k4"]);
    });
  });
});
