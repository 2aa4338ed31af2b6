import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { Member } from "../../server/src/models/member";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";

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
export async function include(
  tool: RunningTool,
  who: Launched,
  portfolioId: string,
  evidenceId: string,
): Promise<void> {
  const res = await request(tool.url)
    .put(`/api/portfolios/${portfolioId}/evidence/${evidenceId}`)
    .set(bearer(who.token));
  if (res.status !== 204) throw new Error(`including evidence answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A day `offset` days from today, as "YYYY-MM-DD" (panel rounds must be in the future to take portfolios). */
export const dayFromToday = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The field names a 400 response reports. */
export const badFields = (body: { error?: { details?: { fields?: Array<{ field: string }> } } }) =>
  (body.error?.details?.fields ?? []).map((f) => f.field);

/** A 1×1 PNG. */
export const pngBytes = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
/** A small but well-formed PDF. */
export const pdfBytes = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** Judgements of every standard of the default programme: met, except `unmet` (each with a suggestion). */
export function judgementsOf(standardCodes: string[], unmet: string[] = []) {
  return standardCodes.map((code) =>
    unmet.includes(code)
      ? { standardCode: code, judgement: "more_evidence" as const, comment: `Add dated evidence for standard ${code}` }
      : { standardCode: code, judgement: "met" as const, comment: "" },
  );
}

async function expectStatus(res: request.Response, status: number, what: string): Promise<request.Response> {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/**
 * Takes a version in a round to its confirmed (not yet released) outcome the way moderation asks:
 * each reviewer records the same outcome with its judgements in one request; when moderation then
 * sends it to the programme lead (the sample, a first resubmission) the lead confirms it. Fails
 * unless the version ends with that outcome. Returns the lead's view of the version.
 */
export async function confirmOutcome(
  tool: RunningTool,
  p: {
    versionId: string;
    reviewers: Launched[];
    lead: Launched;
    outcome: "approved" | "resubmit";
    standardCodes: string[];
    unmet?: string[];
    summary?: string;
  },
) {
  const summary = p.summary ?? (p.outcome === "approved" ? "All standards met." : "Further evidence needed.");
  const unmet = p.outcome === "resubmit" ? (p.unmet?.length ? p.unmet : [p.standardCodes[0]]) : [];
  for (const reviewer of p.reviewers) {
    const res = await request(tool.url)
      .post(`/api/panel/versions/${p.versionId}/review`)
      .set(bearer(reviewer.token))
      .send({ outcome: p.outcome, summary, judgements: judgementsOf(p.standardCodes, unmet) });
    await expectStatus(res, 201, `${reviewer.userId}'s review`);
    if (res.body.status !== "in_review") break;
  }
  let view = await request(tool.url).get(`/api/panel/versions/${p.versionId}`).set(bearer(p.lead.token));
  if (view.body.status === "needs_lead_decision") {
    view = await expectStatus(
      await request(tool.url)
        .post(`/api/panel/versions/${p.versionId}/decision`)
        .set(bearer(p.lead.token))
        .send({
          outcome: p.outcome,
          summary,
          suggestions: p.outcome === "resubmit" ? "See the suggestion on each standard." : "",
        }),
      201,
      "the lead's confirmation",
    );
  }
  if (view.body.status !== p.outcome)
    throw new Error(`version ${p.versionId} ended ${view.body.status}, not ${p.outcome}`);
  return view;
}

/**
 * The panel has met: the lead moves the round's date to today and releases its outcomes (which
 * then reach mentors: certificates, badges, credits, gradebook scores, notices). Returns the release answer.
 */
export async function releaseAfterPanel(tool: RunningTool, lead: Launched, roundId: string) {
  const round = await expectStatus(
    await request(tool.url).get(`/api/panel/rounds/${roundId}`).set(bearer(lead.token)),
    200,
    "reading the round",
  );
  let version = round.body.version as number;
  if (round.body.date > dayFromToday(0)) {
    const moved = await request(tool.url)
      .patch(`/api/panel/rounds/${roundId}`)
      .set(bearer(lead.token))
      .send({ date: dayFromToday(0), expectedVersion: version });
    version = (await expectStatus(moved, 200, "moving the round to today")).body.version;
  }
  return expectStatus(
    await request(tool.url)
      .post(`/api/panel/rounds/${roundId}/release`)
      .set(bearer(lead.token))
      .send({ expectedVersion: version }),
    200,
    "releasing the round",
  );
}

const membership = (role: string) => `http://purl.imsglobal.org/vocab/lis/v2/membership#${role}`;

/**
 * A course of its own on the development platform, so a test's panel and notices start empty:
 * a mentor (Robin Hale), the two development tutors and the programme lead, all launched.
 */
export async function panelCourse(
  tool: RunningTool,
  name: string,
): Promise<{ courseId: string; mentor: Launched; t1: Launched; t2: Launched; lead: Launched }> {
  const courseId = `course-${name}`;
  const platform = tool.devPlatform!;
  platform.addCourse({ id: courseId, title: name, label: name.toUpperCase() });
  platform.addUser({
    id: `${name}-mentor`,
    name: "Robin Hale",
    givenName: "Robin",
    familyName: "Hale",
    email: `${name}@school.example`,
  });
  platform.enrol(courseId, `${name}-mentor`, [membership("Learner")]);
  platform.enrol(courseId, devUsers.tutor, [membership("Instructor")]);
  platform.enrol(courseId, "dev-tutor-2", [membership("Instructor")]);
  platform.enrol(courseId, devUsers.lead, [membership("Administrator"), membership("Instructor")]);
  return {
    courseId,
    mentor: await launch(tool, `${name}-mentor`, courseId),
    t1: await launch(tool, devUsers.tutor, courseId),
    t2: await launch(tool, "dev-tutor-2", courseId),
    lead: await launch(tool, devUsers.lead, courseId),
  };
}

/** The mentor submits a QMS portfolio (Entry modules passed) with one piece of evidence; returns its ids. */
export async function submitQms(
  tool: RunningTool,
  mentor: Launched,
): Promise<{ portfolioId: string; versionId: string }> {
  await passModules(mentor, ["M1", "M2"]);
  const portfolio = await openPortfolio(tool, mentor, "QMS");
  await include(tool, mentor, portfolio.id, (await addEvidence(tool, mentor)).id);
  const submitted = await request(tool.url)
    .post(`/api/portfolios/${portfolio.id}/submit`)
    .set(bearer(mentor.token))
    .send({ expectedVersion: portfolio.version })
    .expect(201);
  return { portfolioId: portfolio.id, versionId: submitted.body.id as string };
}
