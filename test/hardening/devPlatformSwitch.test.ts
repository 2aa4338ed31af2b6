import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import request from "supertest";
import { startTestTool } from "../support/server";

// Issue #13, item 6: the development platform (a fake LMS that mints launches) is off unless
// asked for: on by default only for `npm start` on this machine, and the start line says how
// to turn it on or off.

const started: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of started.reverse()) await stop();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs the tool's real entry point (server/src/main.ts) as `npm start` would, until it has printed its start lines. */
async function startMain(env: Record<string, string>): Promise<{ url: string; output: string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-devswitch-"));
  const uri = new URL(inject("mongodbUri"));
  uri.pathname = `/devswitch_${crypto.randomBytes(4).toString("hex")}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      MONGODB_URI: uri.toString(),
      LTI_CONFIG_DIR: path.join(dataDir, "none"),
      LTI_KEY: "k".repeat(40),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  started.push(async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Development platform: (on|off)[^\n]*\n/.test(output)) resolve();
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`the tool exited (${code}) before starting:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, output };
}

describe("npm start (development mode)", () => {
  it("turns the development platform on for a PUBLIC_URL on this machine and says how to turn it off", async () => {
    const { url, output } = await startMain({});
    expect(output).toMatch(
      /Development platform: on\. Try it without an LMS: open http:\/\/localhost:\d+\/dev-platform\/.*Set DEV_PLATFORM=off to turn it off/,
    );
    expect((await request(url).get("/dev-platform/")).status).toBe(200);
  });

  it("keeps it off when DEV_PLATFORM=off, and says how to turn it on", async () => {
    const { url, output } = await startMain({ DEV_PLATFORM: "off" });
    expect(output).toContain("Development platform: off. Set DEV_PLATFORM=on to turn it on");
    expect((await request(url).get("/dev-platform/")).status).toBe(404);
    expect((await request(url).get("/")).headers.location).toBe("/app/");
  });
});

describe("anywhere else", () => {
  it("is off for a PUBLIC_URL that is not this machine, unless DEV_PLATFORM=on", async () => {
    const remote = await startTestTool({
      NODE_ENV: "development",
      PUBLIC_URL: "http://mentor.example.ac.uk:0",
      DEV_PLATFORM: "",
    });
    started.push(() => remote.close());
    expect(remote.devPlatform).toBeNull();
    expect((await request(remote.server).get("/dev-platform/")).status).toBe(404);

    const asked = await startTestTool({
      NODE_ENV: "development",
      PUBLIC_URL: "http://mentor.example.ac.uk:0",
      DEV_PLATFORM: "on",
    });
    started.push(() => asked.close());
    expect((await request(asked.server).get("/dev-platform/")).status).toBe(200);
  });

  it("is off outside development mode unless asked for (tests ask for it)", async () => {
    const plain = await startTestTool({ DEV_PLATFORM: "" });
    started.push(() => plain.close());
    expect(plain.config.env).toBe("test");
    expect((await request(plain.url).get("/dev-platform/")).status).toBe(404);
  });
});
