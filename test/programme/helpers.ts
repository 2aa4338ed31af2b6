import request from "supertest";
import { afterAll, beforeAll } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { bearer, devUsers, launchAs, otherCourse } from "../support/launch";
import { startTestTool } from "../support/server";

/** Rates every descriptor of the default programme's standards and completes the entry audit, through the API. */
export async function completeEntryAudit(tool: RunningTool, token: string, value = 3): Promise<void> {
  const ratings = defaultProgramme().standards.flatMap((s) =>
    s.descriptors.map((d) => ({ descriptor: d.code, value })),
  );
  const rated = await request(tool.url).post("/api/audit/ratings").set(bearer(token)).send({ ratings });
  if (rated.status !== 201) throw new Error(`rating answered ${rated.status}: ${JSON.stringify(rated.body)}`);
  const done = await request(tool.url).post("/api/audit/stages/entry/complete").set(bearer(token));
  if (done.status !== 200)
    throw new Error(`completing the audit answered ${done.status}: ${JSON.stringify(done.body)}`);
}

/** Completes every activity of a module and writes its reflection, through the API. */
export async function prepareModule(
  tool: RunningTool,
  token: string,
  moduleCode: string,
  reflection = "I learned how the partnership's paperwork fits together.",
): Promise<void> {
  const module = defaultProgramme().modules.find((m) => m.code === moduleCode)!;
  for (const activity of module.activities) {
    const res = await request(tool.url)
      .put(`/api/modules/${moduleCode}/activities/${activity.code}`)
      .set(bearer(token))
      .send({ completed: true });
    if (res.status !== 200)
      throw new Error(`activity ${activity.code} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const res = await request(tool.url)
    .put(`/api/modules/${moduleCode}/reflection`)
    .set(bearer(token))
    .send({ reflection });
  if (res.status !== 200) throw new Error(`reflection answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** The field names a 400 response reports. */
export const badFields = (body: { error?: { details?: { fields?: Array<{ field: string }> } } }) =>
  (body.error?.details?.fields ?? []).map((f) => f.field);

/** Session tokens for the seeded cast: the two mentors, the tutor and the lead, and the tutor in the other course. */
export async function launchCast(tool: RunningTool) {
  // One after another: each launch is a full OIDC round trip through the development platform.
  const as = async (userId: string, courseId?: string) =>
    (await launchAs(tool, { userId, ...(courseId ? { courseId } : {}) })).token;
  return {
    mentor: await as(devUsers.mentor),
    mentor2: await as(devUsers.mentor2),
    tutor: await as(devUsers.tutor),
    lead: await as(devUsers.lead),
    otherTutor: await as(devUsers.tutor, otherCourse),
  };
}

/**
 * Starts a tool for the test file and launches the seeded cast before its tests; closes the tool
 * after them. Read the fields inside tests (they are filled in by beforeAll).
 */
export function useToolWithCast() {
  const state = {} as {
    tool: RunningTool;
    cast: Awaited<ReturnType<typeof launchCast>>;
    api: () => ReturnType<typeof request>;
  };
  beforeAll(async () => {
    state.tool = await startTestTool();
    state.cast = await launchCast(state.tool);
    state.api = () => request(state.tool.url);
  });
  afterAll(() => state.tool?.close());
  return state;
}
