import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";

// The tool started as `npm run dev` starts it, as a child process, probed from the moment it is
// spawned: every connection it accepts must be answered (503 with Retry-After until it is ready,
// then 200), never left waiting. Its database is reached through a proxy the test holds closed,
// so the tool is certainly caught starting, then lets through.

const LTI_KEY = "probe-lti-key-0123456789abcdef0123456789abcdef";
const PROBE_LIMIT_MS = 10_000;
const PROBE_EVERY_MS = 50;
const PATHS = ["/health/ready", "/health/live", "/api/session", "/health", "/"] as const;

type Probe =
  { path: string; status: number; retryAfter: string | null; body: string } | { path: string; error: string };

let child: ChildProcess | undefined;
let proxy: HeldProxy | undefined;
afterAll(() => {
  child?.kill("SIGKILL");
  proxy?.close();
});

/** A TCP proxy to the database that holds every connection, unanswered, until released. */
interface HeldProxy {
  port: number;
  release(): void;
  close(): void;
}
async function heldProxy(target: { host: string; port: number }): Promise<HeldProxy> {
  let isReleased = false;
  const held: net.Socket[] = [];
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
  };
  const forward = (client: net.Socket) => {
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (isReleased) return forward(client);
    client.pause();
    held.push(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    release() {
      isReleased = true;
      for (const client of held.splice(0)) forward(client);
    },
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** One GET on a new connection; a connection accepted but not answered within the limit is "hung". */
function probe(port: number, probePath: string): Promise<Probe> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: probePath, agent: false, timeout: PROBE_LIMIT_MS }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () =>
        resolve({ path: probePath, status: res.statusCode!, retryAfter: res.headers["retry-after"] ?? null, body }),
      );
      res.on("error", (err) => resolve({ path: probePath, error: String(err) }));
    });
    req.on("timeout", () => {
      resolve({ path: probePath, error: "hung" });
      req.destroy();
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ path: probePath, error: err.code ?? err.message }));
  });
}

const healthcheck = (port: number) =>
  spawnSync(process.execPath, ["scripts/healthcheck.mjs"], {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1" },
    encoding: "utf8",
  });

describe("start-up", () => {
  it("the Docker image's healthcheck is the ready probe", () => {
    const dockerfile = fs.readFileSync("Dockerfile", "utf8");
    expect(dockerfile).toMatch(/^HEALTHCHECK .*CMD \["node", "scripts\/healthcheck\.mjs"\]$/m);
    expect(fs.readFileSync("docker-compose.yml", "utf8")).toMatch(
      /test: \["CMD", "node", "scripts\/healthcheck\.mjs"\]/,
    );
  });

  it("answers every connection from the moment it listens: 503 with Retry-After until ready, then 200", async () => {
    const db = new URL(inject("mongodbUri"));
    proxy = await heldProxy({ host: db.hostname, port: Number(db.port || 27017) });
    db.host = `127.0.0.1:${proxy.port}`;
    db.pathname = `/t_startup_${Date.now()}`;
    db.searchParams.set("directConnection", "true");

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-startup-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: url,
        DATA_DIR: dataDir,
        MONGODB_URI: db.toString(),
        LTI_KEY,
        LTI_CONFIG_DIR: path.join(dataDir, "none"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    child.stdout!.on("data", (d) => output.push(String(d)));
    child.stderr!.on("data", (d) => output.push(String(d)));
    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    let hasExited = false;
    void exited.then(() => (hasExited = true));

    // Probe every 50 ms from spawn, each on a new connection, without waiting for earlier ones.
    const probes: Promise<Probe>[] = [];
    let isProbing = true;
    const answered = () =>
      Promise.all(probes).then((all) => all.filter((p): p is Extract<Probe, { status: number }> => "status" in p));
    const prober = (async () => {
      for (let i = 0; isProbing && !hasExited; i++) {
        probes.push(probe(port, PATHS[i % PATHS.length]));
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();
    const until = async (what: string, isDone: () => Promise<boolean>) => {
      while (!(await isDone())) {
        if (hasExited) throw new Error(`the tool exited before ${what}:\n${output.join("")}`);
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    };

    // While the database cannot answer, the tool is listening but not ready.
    await until("answering while starting", async () => (await answered()).length >= 2 * PATHS.length);
    const starting = healthcheck(port);
    expect(starting.status, starting.stdout).toBe(1);
    expect(starting.stdout).toMatch(/^503 /);
    expect((await answered()).every((p) => (p.path === "/health/live" ? p.status === 200 : p.status === 503))).toBe(
      true,
    );

    proxy.release();
    await until("ready", async () => (await answered()).some((p) => p.path === "/health/ready" && p.status === 200));
    isProbing = false;
    await prober;
    const all = await Promise.all(probes);

    // Refused only before the port opened; after that, every connection answered.
    const firstAnswer = all.findIndex((p) => "status" in p);
    expect(firstAnswer).toBeGreaterThanOrEqual(0);
    expect(
      all.slice(0, firstAnswer).every((p) => "error" in p && p.error === "ECONNREFUSED"),
      JSON.stringify(all.slice(0, firstAnswer)),
    ).toBe(true);
    const after = all.slice(firstAnswer);
    expect(
      after.filter((p) => "error" in p),
      "connections not answered",
    ).toEqual([]);
    const answers = after as Extract<Probe, { status: number }>[];
    for (const a of answers) {
      if (a.status === 503) expect(a.retryAfter, `${a.path}: ${a.body}`).toMatch(/^\d+$/);
      else if (a.path === "/api/session") expect(a.status).toBe(401);
      else if (a.path === "/") expect(a.status).toBe(302);
      else expect(a.status, `${a.path}: ${a.body}`).toBe(200);
    }
    const startingAnswers = answers.filter((a) => a.status === 503);
    expect(startingAnswers.length).toBeGreaterThanOrEqual(2 * (PATHS.length - 1));
    expect(JSON.parse(startingAnswers.find((a) => a.path === "/api/session")!.body)).toMatchObject({
      error: { code: "not_ready" },
    });
    expect(JSON.parse(startingAnswers.find((a) => a.path === "/health")!.body)).toMatchObject({
      live: true,
      ready: false,
    });
    expect(answers.filter((a) => a.path === "/health/live").every((a) => a.status === 200)).toBe(true);
    // Once ready it stays ready: nothing after the first 200 from /health/ready is a 503.
    const readyAt = answers.findIndex((a) => a.path === "/health/ready" && a.status === 200);
    expect(answers.slice(readyAt).filter((a) => a.status === 503)).toEqual([]);

    const health = await probe(port, "/health");
    expect(health).toMatchObject({ status: 200 });
    expect(JSON.parse((health as { body: string }).body)).toMatchObject({
      live: true,
      ready: true,
      engine: expect.any(String),
    });
    const ready = healthcheck(port);
    expect(ready.status, ready.stdout).toBe(0);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});
