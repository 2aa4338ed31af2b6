import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { ZJobListResponse, type TJobStatus } from "../../server/src/contracts/jobs";
import { JobRunner } from "../../server/src/jobs/jobRunner";
import { FAILURE_SEEN_BY_LEADS } from "../../server/src/presenters/job";
import { bearer, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { markModule, platformLineItem } from "../gradebook/support";

let tool: RunningTool;
let lead: string;
let tutor: string;
let mentor: string;

beforeAll(async () => {
  tool = await startTestTool();
  lead = (await launchAs(tool, { userId: devUsers.lead })).token;
  tutor = (await launchAs(tool, { userId: devUsers.tutor })).token;
  mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
});
afterAll(() => tool?.close());

const api = () => request(tool.url);
const listJobs = async (token: string) => {
  const res = await api().get("/api/jobs").set(bearer(token));
  expect(res.status).toBe(200);
  return ZJobListResponse.parse(res.body).jobs;
};
const byName = (jobs: TJobStatus[], name: string) => jobs.find((j) => j.name === name);

describe("GET /api/jobs", () => {
  it("shows a programme lead every background job of the tool", async () => {
    const jobs = await listJobs(lead);
    const names = jobs.map((j) => j.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "grade-passback",
        "roster-sync",
        "grade-lease-sweep",
        "panel-follow-ups",
        "mark-follow-ups",
        "dashboard-recount",
      ]),
    );
    if (tool.engine.kind === "ferretdb") expect(names).toContain("expiry-sweep");
    expect(byName(jobs, "roster-sync")).toMatchObject({
      title: "Refresh course rosters from the VLE",
      intervalMs: 6 * 60 * 60_000,
      failures: 0,
    });
  });

  it("shows grade passback running after a mark is queued, through the tool's own runner", async () => {
    await markModule(tool, { mentor: devUsers.mentor, module: "M3", score: 64 });
    let passback: TJobStatus | undefined;
    // The tool's runner sends the mark; wait for the LMS to hold it and for the run that sent it to
    // be recorded (the course-setup job makes the column first, and earlier runs had nothing to send).
    const scoreAtLms = () => {
      const [column] = platformLineItem(tool, "module:M3");
      return column ? tool.devPlatform!.gradebook.latest(column.id, devUsers.mentor)?.scoreGiven : undefined;
    };
    for (
      let i = 0;
      i < 600 && !(scoreAtLms() === 64 && passback?.isRunning === false && passback.lastResult === "succeeded");
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
      passback = byName(await listJobs(lead), "grade-passback");
    }
    const [column] = platformLineItem(tool, "module:M3");
    expect(tool.devPlatform!.gradebook.latest(column.id, devUsers.mentor)?.scoreGiven).toBe(64);
    expect(passback).toMatchObject({ lastResult: "succeeded", lastError: null, failures: 0 });
    expect(passback!.lastStartedAt).not.toBeNull();
    expect(passback!.lastFinishedAt).not.toBeNull();
  });

  it("shows a job's failure, counted, until a later run succeeds", async () => {
    let shouldFail = true;
    // Another process's runner with a job of its own, on the same database.
    const other = new JobRunner([
      {
        name: "test-vle-import",
        title: "Import from the VLE",
        intervalMs: 60_000,
        leaseMs: 60_000,
        async run() {
          if (shouldFail) throw new Error("The VLE answered 503");
        },
      },
    ]);
    expect(await other.runNow("test-vle-import")).toBe("failed");
    expect(byName(await listJobs(lead), "test-vle-import")).toMatchObject({
      title: "Import from the VLE",
      isRunning: false,
      lastResult: "failed",
      lastError: FAILURE_SEEN_BY_LEADS,
      failures: 1,
      consecutiveFailures: 1,
      runs: 1,
    });
    // The job's own message can name another platform's VLE: it stays on the server.
    expect(JSON.stringify(await listJobs(lead))).not.toContain("answered 503");
    shouldFail = false;
    expect(await other.runNow("test-vle-import")).toBe("succeeded");
    expect(byName(await listJobs(lead), "test-vle-import")).toMatchObject({
      lastResult: "succeeded",
      lastError: null,
      failures: 1,
      consecutiveFailures: 0,
      runs: 2,
    });
  });

  it("is refused to mentors and tutors (403), without a session (401) and with parameters (400)", async () => {
    const asMentor = await api().get("/api/jobs").set(bearer(mentor));
    expect(asMentor.status).toBe(403);
    expect(asMentor.body.error.code).toBe("forbidden");
    expect(asMentor.body.jobs).toBeUndefined();
    expect((await api().get("/api/jobs").set(bearer(tutor))).status).toBe(403);
    expect((await api().get("/api/jobs")).status).toBe(401);
    const withQuery = await api().get("/api/jobs?name=grade-passback").set(bearer(lead));
    expect(withQuery.status).toBe(400);
    expect(withQuery.body.error.code).toBe("invalid_input");
  });

  it("tells the client who may see the jobs", async () => {
    const abilities = async (token: string) => (await api().get("/api/session").set(bearer(token))).body.abilities;
    expect((await abilities(lead)).viewJobs).toBe(true);
    expect((await abilities(tutor)).viewJobs).toBe(false);
    expect((await abilities(mentor)).viewJobs).toBe(false);
  });
});
