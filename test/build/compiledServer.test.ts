import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, inject, it } from "vitest";
import { signSessionToken } from "../../server/src/lti/sessionToken";

// `npm start` runs the compiled bundle (server/build/main.js) with plain node, not the sources
// the other tests load: this checks the bundle builds, finds its files and answers.

const LTI_KEY = "compiled-lti-key-0123456789abcdef0123456789abcdef";
// How `npm start` runs it: package.json's config, which the Dockerfile must repeat.
const startConfig = (
  JSON.parse(fs.readFileSync("package.json", "utf8")) as { config: { node_flags: string; malloc_arena_max: string } }
).config;
const nodeFlags = startConfig.node_flags.split(/\s+/).filter(Boolean);
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGKILL");
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe("the compiled server (what npm start runs)", () => {
  it("runs in the Docker image with the node flags and malloc setting npm start uses", () => {
    const dockerfile = fs.readFileSync("Dockerfile", "utf8");
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd, "the Dockerfile has an exec-form CMD").toBeDefined();
    expect(JSON.parse(cmd!)).toEqual(["node", ...nodeFlags, "server/build/main.js"]);
    expect(dockerfile).toMatch(new RegExp(`^ENV MALLOC_ARENA_MAX=${startConfig.malloc_arena_max}$`, "m"));
  });

  it("builds, starts with plain node, and serves the web client, the shipped programme and the API", async () => {
    const build = spawnSync(process.execPath, ["scripts/build-server.mjs"], { encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-compiled-"));
    const uri = new URL(inject("mongodbUri"));
    uri.pathname = `/t_compiled_${Date.now()}`;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [...nodeFlags, "server/build/main.js"], {
      env: {
        PATH: process.env.PATH,
        MALLOC_ARENA_MAX: startConfig.malloc_arena_max,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: url,
        DATA_DIR: dataDir,
        MONGODB_URI: uri.toString(),
        LTI_KEY,
        LTI_CONFIG_DIR: path.join(dataDir, "none"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    child.stderr!.on("data", (d) => output.push(String(d)));
    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    const ready = await Promise.race([
      (async () => {
        for await (const line of readline.createInterface({ input: child!.stdout! })) {
          output.push(line);
          if (/Mentor Pathways is running at/.test(line)) return true;
        }
        return false;
      })(),
      exited.then(() => false),
    ]);
    expect(ready, output.join("\n")).toBe(true);

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const token = await signSessionToken(
      {
        tenantId: "compiled-tenant",
        issuer: "https://lms.example",
        clientId: "client",
        deploymentId: "deployment",
        userId: "mentor-1",
        name: "A Mentor",
        email: null,
        contextId: "course-1",
        contextTitle: "Course",
        contextLabel: null,
        resourceLinkId: null,
        roles: ["mentor"],
        launchId: "launch-1",
        messageType: "LtiResourceLinkRequest",
        target: null,
        isDevelopment: false,
      },
      LTI_KEY,
    );
    const standards = await fetch(`${url}/api/evidence/standards`, { headers: { authorization: `Bearer ${token}` } });
    expect(standards.status).toBe(200);
    const body = (await standards.json()) as { standards: Array<{ code: string }> };
    expect(body.standards.map((s) => s.code)).toEqual(["1", "2", "3", "4"]);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);
});
