import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { startEmbeddedEngine, type EmbeddedEngine } from "../../server/src/db/embeddedEngine";
import { canonical, exactTypes, typedDocument, type TypedDocument } from "./conformanceSupport";

// MongoDB's promise that an acknowledged write survives the server being killed, checked on
// the embedded engine with every stored type: a burst of writes, SIGKILL while it is still
// being answered, a restart on the same files, and every acknowledged write there exactly.
// An external MONGODB_URI server cannot be killed from here, so then this is skipped.
const external = !!process.env.MONGODB_URI;
if (external)
  console.info(
    "conformance: the hard-kill test is skipped because MONGODB_URI is set (an external server cannot be killed from the tests).",
  );

describe.skipIf(external)("conformance: acknowledged writes survive a hard kill (embedded engine)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-conformance-kill-"));
  let engine: EmbeddedEngine | undefined;
  let conn: mongoose.Connection | undefined;
  const connect = async (e: EmbeddedEngine) =>
    mongoose
      .createConnection(e.uri, { dbName: "killtest", serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000 })
      .asPromise();

  afterAll(async () => {
    await conn?.close(true);
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every acknowledged insert, update and upsert, with exact types, after SIGKILL mid-burst", async () => {
    engine = await startEmbeddedEngine(dir);
    conn = await connect(engine);
    const docs = conn.db.collection("docs");
    const tally = conn.db.collection("tally");
    await docs.createIndex({ seq: 1 }, { unique: true });
    await tally.insertOne({ _id: "counter" as never, n: 0, pushed: [] });

    // Written one by one before the burst: all acknowledged.
    const settled = Array.from({ length: 20 }, (_, i) => typedDocument(i));
    for (const doc of settled) await docs.insertOne(doc);

    // The burst: typed inserts, typed upserts and updates of one counter, all at once. The engine
    // is killed when a third of them have been acknowledged, so the rest are in flight or queued.
    const burstSize = 150;
    const acknowledged: { inserted: TypedDocument[]; upserted: TypedDocument[]; incs: number; pushes: number[] } = {
      inserted: [],
      upserted: [],
      incs: 0,
      pushes: [],
    };
    const attempted: TypedDocument[] = [];
    let acks = 0;
    let killed: Promise<void> | undefined;
    const running = engine;
    const ack = () => {
      if (++acks === burstSize / 3) {
        process.kill(running.pid, "SIGKILL");
        killed = running.exited;
      }
    };
    const burst = Array.from({ length: burstSize }, async (_, i) => {
      const doc = typedDocument(1_000 + i);
      attempted.push(doc);
      try {
        if (i % 3 === 0) {
          await docs.insertOne(doc);
          acknowledged.inserted.push(doc);
        } else if (i % 3 === 1) {
          const { _id, ...fields } = doc;
          await docs.updateOne({ _id }, { $set: fields }, { upsert: true });
          acknowledged.upserted.push(doc);
        } else {
          await tally.updateOne({ _id: "counter" as never }, { $inc: { n: 1 }, $push: { pushed: i } });
          acknowledged.incs++;
          acknowledged.pushes.push(i);
        }
        ack();
      } catch {
        // Not acknowledged: the engine was killed first. It may or may not have been written.
      }
    });
    await Promise.all(burst);
    expect(killed, "the engine was killed mid-burst").toBeDefined();
    await killed;
    await conn.close(true);
    expect(acks).toBeGreaterThanOrEqual(burstSize / 3);

    engine = await startEmbeddedEngine(dir);
    conn = await connect(engine);
    const after = conn.db.collection("docs");
    for (const doc of [...settled, ...acknowledged.inserted]) {
      expect(canonical(await after.findOne({ _id: doc._id }, exactTypes)), `insert #${String(doc.seq)}`).toBe(
        canonical(doc),
      );
    }
    for (const doc of acknowledged.upserted) {
      const stored = await after.findOne({ _id: doc._id }, exactTypes);
      expect(stored, `upsert #${String(doc.seq)}`).not.toBeNull();
      for (const [key, value] of Object.entries(doc))
        expect(canonical(stored![key]), `upsert #${String(doc.seq)} ${key}`).toBe(canonical(value));
    }
    // A write that was not acknowledged is there whole or not at all.
    for (const doc of attempted) {
      const stored = await after.findOne({ _id: doc._id }, exactTypes);
      if (stored) expect(Object.keys(stored).sort()).toEqual(Object.keys(doc).sort());
    }
    const counter = await conn.db.collection("tally").findOne({ _id: "counter" as never });
    const pushed = counter!.pushed as number[];
    // Each $inc and its $push are one update: they are kept or lost together.
    expect(counter!.n).toBe(pushed.length);
    expect(counter!.n).toBeGreaterThanOrEqual(acknowledged.incs);
    expect(pushed).toEqual(expect.arrayContaining(acknowledged.pushes));
    expect(new Set(pushed).size).toBe(pushed.length);
    // The unique index came back with the data.
    await expect(after.insertOne({ seq: settled[0].seq })).rejects.toMatchObject({ code: 11000 });
  });
});
