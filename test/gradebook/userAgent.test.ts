import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { bearer, devUsers } from "../support/launch";
import { markModule, startDrivenTool, testWorker } from "./support";

/**
 * Every call the tool makes to an LMS names the tool, its version and the deployment
 * (`MentorPathways/<version> (+<public URL>)`): Canvas refuses calls without a User-Agent, and
 * an LMS administrator can see whose calls these are. The development platform records what
 * each call carried.
 */

const version = (JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version: string })
  .version;

describe("the tool's User-Agent", () => {
  let tool: RunningTool;
  let tutor: string;
  beforeAll(async () => ({ tool, tutor } = await startDrivenTool()));
  afterAll(() => tool?.close());

  it("is on every call: keyset, token, AGS line items, scores and results, NRPS and dynamic registration", async () => {
    const platform = tool.devPlatform!;
    // AGS: a column made and a score sent (with the token they need), then results read back.
    await markModule(tool, { mentor: devUsers.mentor, module: "M1", score: 1, maximum: 1 });
    expect(await testWorker(tool).drain()).toMatchObject({ delivered: 1 });
    expect((await request(tool.url).post("/api/gradebook/lms-marks/read").set(bearer(tutor))).status).toBe(200);
    // NRPS.
    expect((await request(tool.url).post("/api/roster/sync").set(bearer(tutor))).status).toBe(200);
    // Dynamic registration: the platform's OpenID configuration, then its registration endpoint.
    const start = await fetch(`${platform.issuer}/start-registration`, { redirect: "manual" });
    const registered = await fetch(start.headers.get("location")!);
    expect(registered.status, await registered.text()).toBe(200);

    const calls = platform.requests();
    const seen = (pattern: RegExp) => calls.filter((c) => pattern.test(`${c.method} ${c.path}`));
    for (const call of [
      /^GET \/jwks$/,
      /^POST \/token$/,
      /^GET .*\/lineitems$/,
      /^POST .*\/lineitems$/,
      /^POST .*\/scores$/,
      /^GET .*\/results$/,
      /^GET .*\/memberships$/,
      /^GET \/\.well-known\/openid-configuration$/,
      /^POST \/register$/,
    ]) {
      expect(seen(call).length, `a call matching ${call}`).toBeGreaterThan(0);
    }
    const expected = `MentorPathways/${version} (+${tool.url})`;
    expect(calls.filter((c) => c.userAgent !== expected).map((c) => `${c.method} ${c.path}: ${c.userAgent}`)).toEqual(
      [],
    );
  });

  it("has one way out: only platformHttp.ts and the registration fetcher make HTTP calls from the server", () => {
    const root = path.join(process.cwd(), "server/src");
    const callers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          // The development platform is the LMS, not the tool.
          if (entry.name !== "devPlatform") walk(file);
        } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
          const text = fs.readFileSync(file, "utf8");
          if (/(^|[^.\w])fetch\(|https?\.request\b|from "(got|undici|axios|node-fetch)"/m.test(text))
            callers.push(path.relative(root, file));
        }
      }
    };
    walk(root);
    expect(callers.filter((f) => f !== "lti/platformHttp.ts" && f !== "lti/registrationHttp.ts")).toEqual([]);
    expect(callers).toContain("lti/platformHttp.ts");
    // The Dynamic Registration fetcher (which pins the address it checked) sends the same User-Agent.
    if (callers.includes("lti/registrationHttp.ts")) {
      expect(fs.readFileSync(path.join(root, "lti/registrationHttp.ts"), "utf8")).toMatch(
        /"user-agent": platformUserAgent\(\)/,
      );
    }
  });
});
