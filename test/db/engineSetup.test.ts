import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { EmbeddedEngineUnavailable, resolveEngineBinary } from "../../server/src/db/embeddedEngine";
import { ensureIndexes, sweepExpired } from "../../server/src/db/connection";
import type { RunningTool } from "../../server/src/boot";
import { startTestTool } from "../support/server";

describe("when no database is available", () => {
  it("explains in one message what to do: install Go, set MONGODB_URI, or use docker compose", () => {
    const missing = path.join(os.tmpdir(), "no-such-engine-binary");
    try {
      resolveEngineBinary(missing, false);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EmbeddedEngineUnavailable);
      const message = (err as Error).message;
      expect(message).toMatch(/Go is not installed/);
      expect(message).toMatch(/install Go/);
      expect(message).toMatch(/MONGODB_URI/);
      expect(message).toMatch(/docker compose up/);
    }
  });
});

describe("tool database housekeeping", () => {
  let tool: RunningTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool?.close());

  it("creates every index the schemas declare (ours and ltijs's), so the queries that rely on them find them", async () => {
    const missing: string[] = [];
    for (const name of mongoose.modelNames()) {
      const model = mongoose.model(name);
      const existing = await model.collection
        .listIndexes()
        .toArray()
        .catch(() => []);
      const keys = new Set(existing.map((i) => JSON.stringify(i.key)));
      for (const [fields] of model.schema.indexes()) {
        if (!keys.has(JSON.stringify(fields))) missing.push(`${name} ${JSON.stringify(fields)}`);
      }
    }
    expect(missing).toEqual([]);
    expect(mongoose.modelNames().length).toBeGreaterThan(25);
  });

  it("sweeps expired login states and ltijs nonces, which the engine cannot expire itself", async () => {
    expect(tool.engine.supportsTtl).toBe(false);
    const rules = await ensureIndexes();
    expect(rules.map((r) => r.model)).toEqual(expect.arrayContaining(["LoginState", "nonce", "state", "idtoken"]));
    const LoginState = mongoose.model("LoginState");
    const Nonce = mongoose.model("nonce");
    const old = new Date(Date.now() - 2 * 3600_000);
    await LoginState.create([
      { _id: "old-state", nonce: "n1", issuer: "x", createdAt: old },
      { _id: "fresh-state", nonce: "n2", issuer: "x" },
    ]);
    await Nonce.create([{ nonce: "old-nonce", createdAt: old }, { nonce: "fresh-nonce" }]);
    expect(await sweepExpired(rules)).toBeGreaterThanOrEqual(2);
    expect(await LoginState.exists({ _id: "old-state" })).toBeNull();
    expect(await LoginState.exists({ _id: "fresh-state" })).not.toBeNull();
    expect(await Nonce.exists({ nonce: "old-nonce" })).toBeNull();
    expect(await Nonce.exists({ nonce: "fresh-nonce" })).not.toBeNull();
  });
});

describe("the install step", () => {
  it("built the embedded engine binary, so a fresh checkout starts with no set-up", () => {
    expect(fs.existsSync(resolveEngineBinary(undefined, false))).toBe(true);
  });
});
