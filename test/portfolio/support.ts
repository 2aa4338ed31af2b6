import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { Member } from "../../server/src/models/member";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { bearer, devCourse, launchAs } from "../support/launch";

/** A launched person: their session token and the tenant their platform maps to. */
export interface Launched {
  userId: string;
  token: string;
  tenantId: string;
  courseId: string;
}

/** Launches a user into a course and learns their tenant id (from the member record the launch wrote). */
export async function launch(tool: RunningTool, userId: string, courseId: string = devCourse): Promise<Launched> {
  const { token } = await launchAs(tool, { userId, courseId });
  const member = await Member.findOne({ userId, contextId: courseId }).lean();
  if (!member) throw new Error(`no member record for ${userId} in ${courseId}`);
  return { userId, token, tenantId: member.tenantId, courseId };
}

/** Marks modules as passed for a mentor, as a tutor's mark would (a real document, written directly). */
export async function passModules(who: Launched, codes: string[]): Promise<void> {
  for (const moduleCode of codes) {
    await ModuleRecord.updateOne(
      { tenantId: who.tenantId, contextId: who.courseId, mentorUserId: who.userId, moduleCode },
      { $set: { passed: true, status: "graded" }, $setOnInsert: { versionId: "test" } },
      { upsert: true },
    );
  }
}

/** Adds evidence through the API and returns its body; fails the test on anything but 201. */
export async function addEvidence(tool: RunningTool, who: Launched, overrides: Record<string, unknown> = {}) {
  const res = await request(tool.url)
    .post("/api/evidence")
    .set(bearer(who.token))
    .send({
      title: "Weekly meeting with my trainee",
      practiceDate: "2026-10-01",
      narrativeHtml: "<p>We set two targets.</p>",
      standards: [{ standardCode: "1", descriptorCode: "1.1", note: "I made time every week." }],
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`adding evidence answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

/** Creates (or finds) the mentor's portfolio for a qualification through the API. */
export async function openPortfolio(tool: RunningTool, who: Launched, qualificationCode: string) {
  const res = await request(tool.url).post("/api/portfolios").set(bearer(who.token)).send({ qualificationCode });
  if (res.status !== 201) throw new Error(`creating a portfolio answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}

/** Includes evidence in a portfolio's draft through the API. */
export async function include(tool: RunningTool, who: Launched, portfolioId: string, evidenceId: string): Promise<void> {
  const res = await request(tool.url).put(`/api/portfolios/${portfolioId}/evidence/${evidenceId}`).set(bearer(who.token));
  if (res.status !== 204) throw new Error(`including evidence answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A day `offset` days from today, as "YYYY-MM-DD" (panel rounds must be in the future to take portfolios). */
export const dayFromToday = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The field names a 400 response reports. */
export const badFields = (body: { error?: { details?: { fields?: Array<{ field: string }> } } }) => (body.error?.details?.fields ?? []).map((f) => f.field);

/** A 1×1 PNG. */
export const pngBytes = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
/** A small but well-formed PDF. */
export const pdfBytes = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
