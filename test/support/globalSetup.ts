import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedEngine, type EmbeddedEngine } from "../../server/src/db/embeddedEngine";

let engine: EmbeddedEngine | null = null;
let dir: string | null = null;

/**
 * One database engine for the whole run: MONGODB_URI if given (a real MongoDB, or a separately
 * started engine), else the embedded engine in a temporary folder. Each test file uses its own
 * database on it (see startTestTool).
 */
export default async function setup(project: TestProject) {
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-test-db-"));
    engine = await startEmbeddedEngine(dir);
    uri = engine.uri;
  }
  project.provide("mongodbUri", uri);
  return async () => {
    await engine?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    mongodbUri: string;
  }
}
