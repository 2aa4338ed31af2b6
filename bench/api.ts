import mongoose from "mongoose";
import { Registration } from "../server/src/models/registration";
import { signSessionToken, type Actor } from "../server/src/lti/sessionToken";
import { sampleRss } from "./lib/children";
import { loadRun, type LoadRun } from "./lib/load";
import { seedCourse, type SeededCourse } from "./lib/seed";
import type { BenchStack } from "./lib/stack";
import { median, range } from "./lib/stats";
import { mb, ms, type Figure } from "./lib/table";
import { PLATFORM_CLIENT_ID, PLATFORM_DEPLOYMENT_ID } from "./lib/stack";

const CONNECTIONS = 32;
// Where the programme lead's dashboard may live; the first that answers 200 is measured.
const DASHBOARD_PATHS = ["/api/dashboard", "/api/dashboard/summary", "/api/programme/dashboard", "/api/credits/dashboard", "/api/reports/dashboard"];

interface Endpoint {
  section: string;
  name: string;
  path: string;
  tokens: string[];
  targetMs: number;
}

/**
 * Figures 2, 3 and 5: seeds courses through the real models (the main one with 10,000 mentors,
 * 200,000 evidence items, 60,000 module records; 1,000 and 50,000-mentor courses for growth),
 * then drives the mentor's and the programme lead's APIs with autocannon at 32 connections while
 * sampling the tool's RSS, and downloads the full transcript CSV at two sizes watching memory.
 */
export async function benchApi(stack: BenchStack, opts: { isQuick: boolean; runs: number; log: (m: string) => void }): Promise<Figure[]> {
  await mongoose.connect(stack.tool.databaseUri);
  try {
    const registration = await Registration.findOne({ issuer: stack.platform.issuer }, { _id: 1 }).lean();
    if (!registration) throw new Error("the tool did not register the bench platform");
    const tenantId = registration._id.toString();
    const scale = opts.isQuick ? 10 : 1;
    const tiers = [1_000, 10_000, 50_000].map((n) => n / scale);
    const main = tiers[1];

    const courses = new Map<number, SeededCourse>();
    for (const mentors of tiers) {
      const isMain = mentors === main;
      opts.log(`seeding ${mentors} mentors${isMain ? ` with ${20 * mentors} evidence items` : ""}...`);
      const course = await seedCourse({ tenantId, contextId: `bench-${mentors}`, mentors, evidencePerMentor: isMain ? 20 : 0 });
      opts.log(`  ${course.documents} documents in ${course.seconds.toFixed(0)} s (${(course.documents / course.seconds).toFixed(0)}/s)`);
      courses.set(mentors, course);
    }
    const figures: Figure[] = [];
    const seededDocs = [...courses.values()].reduce((s, c) => s + c.documents, 0);
    const seededSeconds = [...courses.values()].reduce((s, c) => s + c.seconds, 0);
    figures.push({ section: "2-3 data", name: "seeded through the models", value: `${seededDocs} docs`, note: `${seededSeconds.toFixed(0)} s, tiers ${tiers.join(" / ")} mentors` });

    const actorFor = (course: SeededCourse, userId: string, role: "mentor" | "lead"): Actor => ({
      tenantId,
      issuer: stack.platform.issuer,
      clientId: PLATFORM_CLIENT_ID,
      deploymentId: PLATFORM_DEPLOYMENT_ID,
      userId,
      name: role === "lead" ? "Programme Lead" : `Mentor ${userId}`,
      email: null,
      contextId: course.contextId,
      contextTitle: `Bench course ${course.contextId}`,
      contextLabel: course.contextId,
      resourceLinkId: null,
      roles: role === "lead" ? ["lead", "tutor"] : ["mentor"],
      launchId: new mongoose.Types.ObjectId().toString(),
      messageType: "LtiResourceLinkRequest",
      target: null,
      isDevelopment: false,
    });
    const mainCourse = courses.get(main)!;
    const mentorTokens = await Promise.all(
      Array.from({ length: 500 }, (_, k) => signSessionToken(actorFor(mainCourse, mainCourse.mentorUserId((k * 7919) % main), "mentor"), stack.tool.ltiKey)),
    );
    const leadToken = (course: SeededCourse) => signSessionToken(actorFor(course, course.leadUserId, "lead"), stack.tool.ltiKey);
    const mainLead = [await leadToken(mainCourse)];

    const answers = async (path: string, token: string) => {
      const res = await fetch(`${stack.tool.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      return { ok: res.status === 200, status: res.status, body };
    };
    let dashboardPath: string | undefined;
    for (const path of DASHBOARD_PATHS) if ((await answers(path, mainLead[0])).ok && !dashboardPath) dashboardPath = path;

    const endpoints: Endpoint[] = [
      { section: "2 mentor", name: "mentor home GET /api/modules", path: "/api/modules", tokens: mentorTokens, targetMs: 50 },
      { section: "2 mentor", name: "portfolio GET /api/portfolios", path: "/api/portfolios", tokens: mentorTokens, targetMs: 50 },
      { section: "2 mentor", name: "evidence GET /api/evidence", path: "/api/evidence", tokens: mentorTokens, targetMs: 50 },
      { section: "3 lead", name: `dashboard GET ${dashboardPath ?? "(no dashboard route yet)"}`, path: dashboardPath ?? "", tokens: mainLead, targetMs: 200 },
      { section: "3 lead", name: "credit transcript GET /api/credits", path: "/api/credits", tokens: mainLead, targetMs: 200 },
    ];

    const seconds = opts.isQuick ? 2 : 5;
    const peaks: number[] = [];
    const measure = async (e: Endpoint, runSeconds: number): Promise<LoadRun[]> => {
      await loadRun({ url: stack.tool.url, path: e.path, tokens: e.tokens, connections: CONNECTIONS, seconds: 1 }); // warm-up
      const runs: LoadRun[] = [];
      for (let r = 0; r < opts.runs; r++) {
        const { result, samples } = await sampleRss(stack.tool.pid, () => loadRun({ url: stack.tool.url, path: e.path, tokens: e.tokens, connections: CONNECTIONS, seconds: runSeconds }));
        runs.push(result);
        peaks.push(Math.max(...samples));
      }
      return runs;
    };
    const describe = (runs: LoadRun[]) =>
      `p50 ${ms(median(runs.map((r) => r.p50)))}, p99 ${ms(median(runs.map((r) => r.p99)))}, ${median(runs.map((r) => r.perSecond)).toFixed(0)} req/s, ` +
      `p95 ${range(runs.map((r) => r.p95))} over ${runs.length}×${seconds} s` +
      (runs.some((r) => r.failures > 0) ? `, FAILURES ${runs.map((r) => r.failures).join("/")}` : "");

    for (const e of endpoints) {
      if (!e.path) {
        figures.push({ section: e.section, name: e.name, value: "n/a", target: `p95 ≤ ${e.targetMs} ms`, note: `none of ${DASHBOARD_PATHS.join(", ")} answered 200` });
        continue;
      }
      const probe = await answers(e.path, e.tokens[0]);
      if (!probe.ok) {
        figures.push({ section: e.section, name: e.name, value: "n/a", target: `p95 ≤ ${e.targetMs} ms`, isMet: false, note: `answered ${probe.status}: ${probe.body.slice(0, 80)}` });
        continue;
      }
      opts.log(`load: ${e.name}`);
      const runs = await measure(e, seconds);
      const value = median(runs.map((r) => r.p95));
      const hasFailures = runs.some((r) => r.failures > 0);
      figures.push({ section: e.section, name: `${e.name}, p95 @${CONNECTIONS}`, value: ms(value), target: `≤ ${e.targetMs} ms`, isMet: value <= e.targetMs && !hasFailures, note: describe(runs) });
    }

    // Growth: the lead's endpoints on courses of 1k / 10k / 50k mentors.
    const growthPaths = [...(dashboardPath ? [{ name: "dashboard", path: dashboardPath }] : []), { name: "credits", path: "/api/credits" }];
    const tierSeconds = opts.isQuick ? 1 : 3;
    for (const g of growthPaths) {
      const byTier: number[] = [];
      for (const mentors of tiers) {
        const course = courses.get(mentors)!;
        opts.log(`growth: ${g.name} at ${mentors} mentors`);
        const runs = await measure({ section: "3 growth", name: g.name, path: g.path, tokens: [await leadToken(course)], targetMs: 200 }, tierSeconds);
        const value = median(runs.map((r) => r.p95));
        byTier.push(value);
        figures.push({ section: "3 growth", name: `${g.name} p95 @${CONNECTIONS}, ${mentors} mentors`, value: ms(value), note: describe(runs).replace(`${seconds} s`, `${tierSeconds} s`) });
      }
      const timeRatio = byTier[2] / byTier[0];
      const sizeRatio = tiers[2] / tiers[0];
      figures.push({
        section: "3 growth",
        name: `${g.name}: time ×(${tiers[2]}/${tiers[0]} mentors)`,
        value: `${timeRatio.toFixed(2)}×`,
        target: `≤ ${sizeRatio}× (linear); ideally ~1×`,
        isMet: timeRatio <= sizeRatio,
        note: `${tiers[1]}→${tiers[2]}: ${(byTier[2] / byTier[1]).toFixed(2)}× for ${tiers[2] / tiers[1]}× mentors`,
      });
    }

    figures.push({
      section: "5 memory",
      name: "tool RSS, peak under the (2)–(3) load",
      value: mb(median(peaks)),
      target: "≤ 250 MB",
      isMet: Math.max(...peaks) <= 250 * 1024 * 1024,
      note: `median of per-run peaks; max ${mb(Math.max(...peaks))} over ${peaks.length} runs`,
    });

    figures.push(...(await benchTranscriptCsv(stack, [courses.get(tiers[1])!, courses.get(tiers[2])!], leadToken, opts)));
    return figures;
  } finally {
    await mongoose.disconnect();
  }
}

/** Figure 3, streaming: the full transcript CSV at two sizes; the tool's RSS growth should not follow the rows. */
async function benchTranscriptCsv(
  stack: BenchStack,
  courses: SeededCourse[],
  leadToken: (c: SeededCourse) => Promise<string>,
  opts: { runs: number; log: (m: string) => void },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const growths: number[] = [];
  for (const course of courses) {
    const token = await leadToken(course);
    opts.log(`transcript CSV at ${course.mentors} mentors`);
    const runs: Array<{ growth: number; rows: number; bytes: number; seconds: number }> = [];
    for (let r = 0; r < opts.runs; r++) {
      const before = stack.tool.rss();
      const started = performance.now();
      const { result, samples } = await sampleRss(
        stack.tool.pid,
        async () => {
          const res = await fetch(`${stack.tool.url}/api/credits/transcript.csv`, { headers: { authorization: `Bearer ${token}` } });
          if (res.status !== 200 || !res.body) throw new Error(`transcript.csv answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
          let bytes = 0;
          let rows = 0;
          const reader = res.body.getReader();
          for (let part = await reader.read(); !part.done; part = await reader.read()) {
            bytes += part.value.length;
            for (const b of part.value) if (b === 10) rows++;
          }
          return { bytes, rows: rows - 1 };
        },
        50,
      );
      runs.push({ growth: Math.max(...samples) - before, rows: result.rows, bytes: result.bytes, seconds: (performance.now() - started) / 1000 });
    }
    const growth = median(runs.map((r) => r.growth));
    growths.push(growth);
    figures.push({
      section: "3 csv",
      name: `transcript.csv, ${course.mentors} mentors: RSS growth`,
      value: mb(growth),
      note: `${runs[0].rows} rows, ${mb(runs[0].bytes)}, ${median(runs.map((r) => r.seconds)).toFixed(2)} s (${(runs[0].rows / median(runs.map((r) => r.seconds))).toFixed(0)} rows/s); growth ${range(runs.map((r) => r.growth / 2 ** 20))} MB`,
    });
  }
  const rowsRatio = courses[1].mentors / courses[0].mentors;
  const isFlat = growths[1] <= Math.max(growths[0] * 2, 20 * 2 ** 20);
  figures.push({
    section: "3 csv",
    name: `RSS growth ×${rowsRatio} rows`,
    value: `${mb(growths[0])} → ${mb(growths[1])}`,
    target: "flat",
    isMet: isFlat,
    note: "flat = the larger export grows RSS ≤ 2× the smaller's (or ≤ 20 MB)",
  });
  return figures;
}
