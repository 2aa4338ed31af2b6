import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { loadConfig } from "../../server/src/config";
import { startTool, type RunningTool } from "../../server/src/boot";
import type { GradebookJobOptions } from "../../server/src/gradebook/jobs";

/**
 * Starts the real tool on 127.0.0.1 with a random port, its own database on the test engine
 * and its own data folder, with the development platform mounted. Call close() in afterAll.
 * The first staff launch's course set-up (columns, roster) is off unless a test asks for it
 * (`gradebook: { setUpCoursesOnLaunch: true }`): most tests count people and columns from a bare course.
 */
export async function startTestTool(
  env: Record<string, string> = {},
  options: { databaseName?: string; dataDir?: string; gradebook?: GradebookJobOptions } = {},
): Promise<RunningTool> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "mp-test-data-"));
  const config = loadConfig(
    {
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      PUBLIC_URL: "http://127.0.0.1:0",
      DATA_DIR: dataDir,
      MONGODB_URI: inject("mongodbUri"),
      LTI_KEY: "test-lti-key-0123456789abcdef0123456789abcdef",
      LTI_CONFIG_DIR: path.join(dataDir, "no-platform-files"),
      // Off by default outside `npm start` on loopback: tests ask for it.
      DEV_PLATFORM: "on",
      ...env,
    },
    { cwd: process.cwd() },
  );
  return startTool(config, {
    databaseName: options.databaseName ?? `t_${crypto.randomBytes(6).toString("hex")}`,
    gradebook: { setUpCoursesOnLaunch: false, ...options.gradebook },
  });
}
