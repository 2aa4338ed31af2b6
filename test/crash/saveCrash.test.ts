import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { devCourse, devUsers, parseAutoPostForm } from "../support/launch";

// One save, one write: the tool runs as `npm run dev` runs it (its own process, the embedded
// engine under its own DATA_DIR), a mentor sends a burst of saves over real HTTP, and the tool and
// its engine are killed with SIGKILL mid-burst. After a restart on the same data, every save the
// tool acknowledged is there whole, and nothing it did not acknowledge is there in part.

const EVIDENCE_SAVES = 25;
const HOURS_SAVES = 25;
const STANDARDS = [
  { standardCode: "1", descriptorCode: "1.1", note: "Weekly meetings" },
  { standardCode: "2", descriptorCode: "2.4", note: "Questioning" },
  { standardCode: "3", descriptorCode: null, note: "Subject knowledge" },
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-crash-"));
let running: ChildProcess | undefined;
afterAll(() => {
  killGroup(running);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The tool and the engine it started share a process group (the tool leads it): kill both at once. */
function killGroup(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Starts the tool from its sources on `port` with the data under dataDir; resolves once it says it is running. */
async function startTool(port: number): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LTI_CONFIG_DIR: path.join(dataDir, "none"),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running = child;
  const output: string[] = [];
  child.stderr!.on("data", (d) => output.push(String(d)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await Promise.race([
    (async () => {
      for await (const line of readline.createInterface({ input: child.stdout! })) {
        if (/Mentor Pathways is running at/.test(line)) return true;
      }
      return false;
    })(),
    exited.then(() => false),
  ]);
  expect(ready, output.join("")).toBe(true);
  return { child, exited };
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

/** A full LTI launch through the development platform the tool serves, over HTTP as a browser makes it. */
async function launchOverHttp(url: string, userId: string): Promise<string> {
  const start = await fetch(`${url}/dev-platform/launch?user=${userId}&course=${devCourse}`);
  const login = parseAutoPostForm(await start.text());
  const initiated = await fetch(login.action, {
    method: "POST",
    body: new URLSearchParams(login.fields),
    redirect: "manual",
  });
  expect(initiated.status).toBe(302);
  const cookie = cookiesOf(initiated);
  const auth = await fetch(initiated.headers.get("location")!, { redirect: "manual" });
  const form = parseAutoPostForm(await auth.text());
  const launched = await fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(form.fields),
    headers: { cookie },
    redirect: "manual",
  });
  const token = /#session=([^&]+)/.exec(launched.headers.get("location") ?? "")?.[1];
  expect(launched.status, await launched.text()).toBe(303);
  return decodeURIComponent(token!);
}

const jsonHeaders = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

describe("a crash in the middle of a mentor's saves", () => {
  it("keeps every acknowledged save whole and no unacknowledged one in part", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startTool(port);
    const token = await launchOverHttp(url, devUsers.mentor);

    // Every save at once; the kill comes when a fifth of them have been acknowledged, so the
    // rest are in flight or queued when the tool dies.
    const acknowledgedEvidence = new Map<string, string>();
    const acknowledgedHours = new Set<string>();
    let acknowledged = 0;
    let killedAt: number | undefined;
    const countAck = () => {
      acknowledged++;
      if (killedAt === undefined && acknowledged >= (EVIDENCE_SAVES + HOURS_SAVES) / 5) {
        killedAt = acknowledged;
        killGroup(first.child);
      }
    };
    const evidenceSaves = Array.from({ length: EVIDENCE_SAVES }, async (_, i) => {
      const title = `Crash evidence ${i}`;
      const body = { title, practiceDate: "2026-10-01", narrativeHtml: `<p>Save ${i}</p>`, standards: STANDARDS };
      const res = await fetch(`${url}/api/evidence`, {
        method: "POST",
        headers: jsonHeaders(token),
        body: JSON.stringify(body),
      }).catch(() => null);
      if (res?.status === 201) {
        acknowledgedEvidence.set(title, ((await res.json()) as { id: string }).id);
        countAck();
      }
    });
    const hoursSaves = Array.from({ length: HOURS_SAVES }, async (_, i) => {
      const activity = `Crash session ${i}`;
      const body = { date: "2026-10-01", activity, hours: 1.5, kind: "refresher" };
      const res = await fetch(`${url}/api/hours`, {
        method: "POST",
        headers: jsonHeaders(token),
        body: JSON.stringify(body),
      }).catch(() => null);
      if (res?.status === 201) {
        acknowledgedHours.add(activity);
        countAck();
      }
    });
    await Promise.all([...evidenceSaves, ...hoursSaves]);
    expect(killedAt, "the tool was killed mid-burst").toBeDefined();
    await first.exited;
    expect(acknowledgedEvidence.size + acknowledgedHours.size, "some saves were never acknowledged").toBeLessThan(
      EVIDENCE_SAVES + HOURS_SAVES,
    );

    // The same data folder, the same address (the development platform's issuer names the port).
    await startTool(port);
    const evidence = await fetch(`${url}/api/evidence`, { headers: jsonHeaders(token) });
    expect(evidence.status).toBe(200);
    const items = (
      (await evidence.json()) as {
        items: Array<{ id: string; title: string; narrativeHtml: string; standards: unknown[] }>;
      }
    ).items;
    const stored = new Map(items.map((e) => [e.title, e]));
    const expectedStandards = [...STANDARDS].sort((a, b) => a.standardCode.localeCompare(b.standardCode));
    for (const [title, id] of acknowledgedEvidence) {
      expect(stored.get(title), `acknowledged evidence "${title}"`).toMatchObject({ id, standards: expectedStandards });
    }
    // Evidence the tool never acknowledged may or may not be there, but only whole.
    for (const item of items) expect(item.standards, `evidence "${item.title}"`).toEqual(expectedStandards);
    expect(items.length).toBe(stored.size);

    const hours = await fetch(`${url}/api/hours`, { headers: jsonHeaders(token) });
    expect(hours.status).toBe(200);
    const entries = JSON.stringify(await hours.json());
    for (const activity of acknowledgedHours)
      expect(entries, `acknowledged hours "${activity}"`).toContain(`"${activity}"`);
  });
});
