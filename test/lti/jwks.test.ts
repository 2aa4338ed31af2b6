import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { platformKeysets } from "../../server/src/lti/jwksCache";
import { startTestTool } from "../support/server";
import { devUsers, launchAs } from "../support/launch";

// ltijs alone downloads the platform's keyset on every launch; the tool caches it and
// refetches only when a launch is signed with a key it has not seen (rotation).
describe("platform keyset caching", () => {
  let tool: RunningTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool?.close());

  it("fetches the keyset once for many launches", async () => {
    await launchAs(tool, { userId: devUsers.mentor });
    const before = platformKeysets.fetches;
    for (let i = 0; i < 5; i++) await launchAs(tool, { userId: devUsers.tutor });
    expect(platformKeysets.fetches).toBe(before);
  });

  it("follows a key rotation: the new kid is fetched and launches keep working", async () => {
    const before = platformKeysets.fetches;
    await tool.devPlatform!.rotateKey({ keepOld: false });
    await launchAs(tool, { userId: devUsers.mentor });
    expect(platformKeysets.fetches).toBe(before + 1);
    await launchAs(tool, { userId: devUsers.lead });
    expect(platformKeysets.fetches).toBe(before + 1);
  });
});
