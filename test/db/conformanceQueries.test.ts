import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import type mongoose from "mongoose";
import { canonical, connectFresh, exactTypes, ObjectId, typedDocument } from "./conformanceSupport";

// The query and update shapes the server uses (grep server/src for find/updateOne/aggregate),
// with the answers MongoDB gives, and every stored type read back exactly. Runs against the
// run's engine: embedded in `npm test`, or MONGODB_URI.
describe("conformance: query shapes and types", () => {
  let conn: mongoose.Connection;
  let people: mongoose.mongo.Collection;
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const ref = new ObjectId();
  const names = async (filter: object) => (await people.find(filter).sort({ name: 1 }).toArray()).map((d) => d.name);

  beforeAll(async () => {
    conn = await connectFresh(inject("mongodbUri"), "conformance_q");
    people = conn.db.collection("people");
    await people.createIndex({ tenantId: 1, contextId: 1, userId: 1 }, { unique: true });
    await people.createIndex({ "delivery.status": 1, "delivery.nextAttemptAt": 1 });
    await people.insertMany([
      {
        tenantId: "t",
        contextId: "c",
        userId: "u1",
        name: "Ada",
        roles: ["mentor"],
        status: "Active",
        school: "North",
        seenAt: day(1),
        delivery: { status: "pending", nextAttemptAt: day(2) },
        hours: 3,
        ref,
      },
      {
        tenantId: "t",
        contextId: "c",
        userId: "u2",
        name: "Ben",
        roles: ["mentor", "tutor"],
        status: "Deleted",
        school: "North",
        seenAt: day(5),
        delivery: { status: "done", nextAttemptAt: day(1) },
        hours: 2.5,
      },
      {
        tenantId: "t",
        contextId: "c",
        userId: "u3",
        name: "Cy",
        roles: ["lead"],
        status: "Active",
        school: null,
        seenAt: null,
        delivery: { status: "pending", nextAttemptAt: day(9) },
        hours: 4,
      },
      {
        tenantId: "t",
        contextId: "c",
        userId: "u4",
        name: "Dee",
        roles: ["mentor"],
        school: "South",
        seenAt: day(10),
        hours: 1,
      },
      {
        tenantId: "t",
        contextId: "other",
        userId: "u1",
        name: "Eve",
        roles: ["mentor"],
        status: "Active",
        school: "South",
        seenAt: day(3),
        hours: 10,
      },
    ]);
  });
  afterAll(async () => {
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  it("equality on a scope, array membership, $in on strings and ObjectIds", async () => {
    expect(await names({ tenantId: "t", contextId: "c", roles: "mentor" })).toEqual(["Ada", "Ben", "Dee"]);
    expect(await names({ userId: { $in: ["u2", "u4", "nobody"] } })).toEqual(["Ben", "Dee"]);
    expect(await names({ roles: { $in: ["lead", "tutor"] } })).toEqual(["Ben", "Cy"]);
    expect(await names({ ref: { $in: [ref, new ObjectId()] } })).toEqual(["Ada"]);
    expect(await names({ userId: { $in: [] } })).toEqual([]);
  });

  it("dotted paths, with ranges on dates beside them", async () => {
    expect(await names({ "delivery.status": "pending", "delivery.nextAttemptAt": { $lte: day(2) } })).toEqual(["Ada"]);
    expect(await names({ "delivery.status": { $ne: "done" } })).toEqual(["Ada", "Cy", "Dee", "Eve"]);
    expect(await names({ seenAt: { $gte: day(3), $lt: day(10) } })).toEqual(["Ben", "Eve"]);
    expect(await names({ seenAt: { $ne: null, $lt: day(4) } })).toEqual(["Ada", "Eve"]);
  });

  it("null matches null and missing; $ne: null, $exists tell them apart", async () => {
    expect(await names({ status: null })).toEqual(["Dee"]);
    expect(await names({ school: null })).toEqual(["Cy"]);
    expect(await names({ seenAt: { $ne: null } })).toEqual(["Ada", "Ben", "Dee", "Eve"]);
    expect(await names({ school: { $exists: true } })).toEqual(["Ada", "Ben", "Cy", "Dee", "Eve"]);
    expect(await names({ status: { $exists: false } })).toEqual(["Dee"]);
    // $ne on a value includes documents where the field is missing.
    expect(await names({ contextId: "c", status: { $ne: "Deleted" } })).toEqual(["Ada", "Cy", "Dee"]);
  });

  it("$or, $and, and a string range on _id (lease keys)", async () => {
    expect(await names({ contextId: "c", $or: [{ school: "South" }, { roles: "lead" }] })).toEqual(["Cy", "Dee"]);
    expect(await names({ $and: [{ contextId: "c" }, { $or: [{ userId: "u1" }, { userId: "u2" }] }] })).toEqual([
      "Ada",
      "Ben",
    ]);
    // Prefix range, as grade-cell leases are swept: ":" < ";" so "p:" ≤ key < "p;" is "starts with p:".
    const keys = conn.db.collection("claims");
    await keys.insertMany(
      ["gradecell:a", "gradecell:b", "gradecell;", "gradecell", "gradecella", "other:a"].map((_id) => ({
        _id,
        createdAt: day(1),
      })) as never[],
    );
    const leases = await keys
      .find({ _id: { $gte: "gradecell:", $lt: "gradecell;" }, createdAt: { $lt: day(2) } } as never)
      .sort({ _id: 1 })
      .toArray();
    expect(leases.map((d) => d._id)).toEqual(["gradecell:a", "gradecell:b"]);
  });

  it("sort on several keys with limit and skip; projection; countDocuments; distinct", async () => {
    const page = await people
      .find({ tenantId: "t" }, { projection: { _id: 0, name: 1, school: 1 } })
      .sort({ school: 1, name: -1 })
      .skip(1)
      .limit(3)
      .toArray();
    // Ascending: null sorts before strings.
    expect(page).toEqual([
      { name: "Ben", school: "North" },
      { name: "Ada", school: "North" },
      { name: "Eve", school: "South" },
    ]);
    expect((await people.find({}).sort({ seenAt: -1 }).limit(2).toArray()).map((d) => d.name)).toEqual(["Dee", "Ben"]);
    expect(await people.countDocuments({ contextId: "c", roles: "mentor" })).toBe(3);
    expect(await people.countDocuments({ contextId: "nowhere" })).toBe(0);
    expect((await people.distinct("userId", { roles: "mentor" })).sort()).toEqual(["u1", "u2", "u4"]);
    expect(await people.findOne({ userId: "u3" }, { projection: { _id: 1 } })).toEqual({ _id: expect.any(ObjectId) });
  });

  it("$match + $group with $sum of 1 and of a field, keyed by a field and by null", async () => {
    const bySchool = await people
      .aggregate([{ $match: { tenantId: "t" } }, { $group: { _id: "$school", n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(bySchool).toEqual([
      { _id: null, n: 1 },
      { _id: "North", n: 2 },
      { _id: "South", n: 2 },
    ]);
    const hours = await people
      .aggregate([{ $match: { contextId: "c" } }, { $group: { _id: null, n: { $sum: "$hours" } } }])
      .toArray();
    expect(hours).toEqual([{ _id: null, n: 10.5 }]);
    expect(
      await people
        .aggregate([{ $match: { contextId: "nowhere" } }, { $group: { _id: null, n: { $sum: 1 } } }])
        .toArray(),
    ).toEqual([]);
  });

  it("a cursor reads more documents than one batch, in order", async () => {
    const many = conn.db.collection("many");
    await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const d of many.find({}).sort({ i: 1 }).batchSize(100)) seen.push(d.i);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it("update shapes: $set on dotted paths, $setOnInsert only on insert, updateMany and deleteMany with ranges", async () => {
    const c = conn.db.collection("updates");
    const filter = { tenantId: "t", key: "k" };
    await c.updateOne(
      filter,
      { $set: { "delivery.status": "pending" }, $setOnInsert: { createdBy: "first" } },
      { upsert: true },
    );
    await c.updateOne(
      filter,
      { $set: { "delivery.status": "done", "delivery.at": day(4) }, $setOnInsert: { createdBy: "second" } },
      { upsert: true },
    );
    expect(await c.findOne(filter, { projection: { _id: 0 } })).toEqual({
      tenantId: "t",
      key: "k",
      delivery: { status: "done", at: day(4) },
      createdBy: "first",
    });
    await c.insertMany([1, 2, 3, 4].map((d) => ({ tenantId: "t", at: day(d) })));
    expect((await c.updateMany({ at: { $lt: day(3) } }, { $set: { old: true } })).modifiedCount).toBe(2);
    expect((await c.deleteMany({ old: true, at: { $lt: day(2) } })).deletedCount).toBe(1);
    expect(await c.countDocuments({ old: true })).toBe(1);
  });

  it("every stored type reads back exactly: value, BSON type and field order", async () => {
    const c = conn.db.collection("typed");
    const docs = [0, 1, 2].map(typedDocument);
    await c.insertOne(docs[0]);
    await c.insertMany(docs.slice(1));
    for (const doc of docs) expect(canonical(await c.findOne({ _id: doc._id }, exactTypes))).toBe(canonical(doc));
    // The same types arrive through an update and an upsert.
    const replacement = { ...typedDocument(3), _id: docs[0]._id };
    const { _id, ...fields } = replacement;
    await c.updateOne({ _id }, { $set: fields });
    expect(canonical(await c.findOne({ _id }, exactTypes))).toBe(canonical(replacement));
    // An upsert adds $set's fields in lexicographic order (MongoDB 5+), so compare field by field.
    const { _id: upsertedId, ...upsertedFields } = typedDocument(4);
    await c.updateOne({ _id: upsertedId }, { $set: upsertedFields }, { upsert: true });
    const stored = await c.findOne({ _id: upsertedId }, exactTypes);
    expect(Object.keys(stored!).sort()).toEqual(["_id", ...Object.keys(upsertedFields)].sort());
    for (const [key, value] of Object.entries(upsertedFields))
      expect(canonical(stored![key]), key).toBe(canonical(value));
  });

  it("queries by the stored types: dates, booleans, null against missing, unicode text", async () => {
    const c = conn.db.collection("typedQueries");
    const doc = typedDocument(5);
    await c.insertOne(doc);
    const hit = async (filter: object) => (await c.countDocuments({ _id: doc._id, ...filter })) === 1;
    expect(await hit({ at: doc.at as Date })).toBe(true);
    expect(await hit({ at: { $gt: new Date(Date.UTC(2026, 7, 1)) }, longAgo: { $lt: new Date(0) } })).toBe(true);
    expect(await hit({ yes: true, no: false })).toBe(true);
    expect(await hit({ yes: 1 })).toBe(false);
    expect(await hit({ nothing: null, notStored: null })).toBe(true);
    expect(await hit({ nothing: { $exists: true }, notStored: { $exists: false } })).toBe(true);
    expect(await hit({ text: doc.text as string })).toBe(true);
    expect(await hit({ "ünïcødé key": "värde" })).toBe(true);
    expect(await hit({ wholeDouble: 5, maxInt: 2_147_483_647 })).toBe(true);
    expect(await hit({ "links.standardCode": "S2" })).toBe(true);
    expect(await hit({ refs: (doc.refs as unknown[])[1] })).toBe(true);
  });

  it("a document of 3,000 fields (the dashboard's course counters): order, projections, $inc and $set keep MongoDB's answers", async () => {
    const c = conn.db.collection("wide");
    const wide: Record<string, unknown> = { _id: "course|t|c", label: "counters" };
    for (let i = 0; i < 3_000; i++) wide[`school|S${i}|mentors`] = i;
    await c.insertOne(wide as never);
    const id = "course|t|c" as never;
    const stored = await c.findOne({ _id: id });
    expect(Object.keys(stored!)).toEqual(Object.keys(wide));
    expect(stored!["school|S2999|mentors"]).toBe(2_999);
    // Inclusion and exclusion projections.
    expect(await c.findOne({ _id: id }, { projection: { label: 1, "school|S7|mentors": 1 } })).toEqual({
      _id: "course|t|c",
      label: "counters",
      "school|S7|mentors": 7,
    });
    const excluded = await c.findOne({ _id: id }, { projection: { label: 0, _id: 0 } });
    expect(Object.keys(excluded!)).toEqual(Object.keys(wide).slice(2));
    // $inc on existing fields changes them in place; a new field from $inc or $set goes last, in order.
    await c.updateOne({ _id: id }, { $inc: { "school|S0|mentors": 1, "school|S2999|mentors": -1, newCount: 5 } });
    await c.updateOne({ _id: id }, { $set: { label: "renamed", addedLast: true } });
    const updated = await c.findOne({ _id: id });
    expect(Object.keys(updated!)).toEqual([...Object.keys(wide), "newCount", "addedLast"]);
    expect([updated!["school|S0|mentors"], updated!["school|S2999|mentors"], updated!.newCount]).toEqual([1, 2_998, 5]);
    expect(updated!.label).toBe("renamed");
  });
});
