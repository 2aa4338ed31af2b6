import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestTool } from "../support/server";
import { bearer, devUsers, launchAs } from "../support/launch";
import type { RunningTool } from "../../server/src/boot";

// The default set-up a newcomer gets: no MONGODB_URI, so the tool runs its embedded engine
// under DATA_DIR. Data, registrations and sessions must survive restarts and a hard kill.
describe("persistence with the embedded engine", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-persist-"));
  const env = { MONGODB_URI: "" };
  const opts = { dataDir, databaseName: "mentor-pathways" };
  let tool: RunningTool | undefined;
  afterAll(async () => {
    await tool?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps launches, members and sessions across a clean restart and a hard kill", async () => {
    tool = await startTestTool(env, opts);
    expect(tool.engine.kind).toBe("ferretdb");
    expect(tool.embeddedEngine?.dir).toBe(path.join(dataDir, "db"));
    const first = await launchAs(tool, { userId: devUsers.mentor });
    await tool.close();

    tool = await startTestTool(env, opts);
    // The session issued before the restart still works: the LTI key is kept under DATA_DIR.
    expect((await request(tool.url).get("/api/session").set(bearer(first.token))).body.user.name).toBe("Alex Morgan");
    // A new launch works: the platform registration and keys were kept.
    const second = await launchAs(tool, { userId: devUsers.tutor });
    process.kill(tool.embeddedEngine!.pid, "SIGKILL");
    await tool.close();

    tool = await startTestTool(env, opts);
    for (const token of [first.token, second.token]) {
      expect((await request(tool.url).get("/api/session").set(bearer(token))).status).toBe(200);
    }
    const { Member } = await import("../../server/src/models/member");
    const members = await Member.find({}, { userId: 1, lastLaunchAt: 1 }).sort({ userId: 1 }).lean();
    expect(members.map((m) => m.userId)).toEqual([devUsers.mentor, devUsers.tutor]);
    expect(members[0].lastLaunchAt).toBeInstanceOf(Date);
    expect((await launchAs(tool, { userId: devUsers.lead })).token).toBeTruthy();
  });
});
