import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { Registration } from "../../server/src/models/registration";
import { bearer, devUsers, launchAs, type LaunchOptions } from "../support/launch";
import { startTestTool } from "../support/server";

// Issue #13, item 4: a custom parameter on a link (which teachers can set in many LMSs) does not
// make anyone a programme lead, unless the platform's registration says custom parameters are
// set by its administrator. Leads otherwise come from Administrator roles, the configured lead
// role, or the registration's allow-list.

let tool: RunningTool;
let dynamicClientId: string;

beforeAll(async () => {
  tool = await startTestTool();
  // A platform registered dynamically: nothing says who sets its custom parameters.
  const start = await fetch(`${tool.devPlatform!.issuer}/start-registration`, { redirect: "manual" });
  expect((await fetch(start.headers.get("location")!)).status).toBe(200);
  dynamicClientId = tool.devPlatform!.registrations.list()[0].clientId;
});
afterAll(async () => tool?.close());

async function rolesOf(opts: LaunchOptions) {
  const { token } = await launchAs(tool, opts);
  const session = await request(tool.url).get("/api/session").set(bearer(token));
  const dashboard = await request(tool.url).get("/api/dashboard").set(bearer(token));
  return { roles: session.body.roles as string[], dashboard: dashboard.status };
}

describe("programme_role=lead on a link", () => {
  it("does not raise a tutor where the registration does not trust custom parameters", async () => {
    const reg = await Registration.findOne({ clientId: dynamicClientId }).lean();
    expect(reg).toMatchObject({ source: "dynamic", trustCustomRoleParameter: false });
    const tutor = await rolesOf({
      userId: devUsers.tutor,
      clientId: dynamicClientId,
      custom: { programme_role: "lead" },
    });
    expect(tutor.roles).toEqual(["tutor"]);
    expect(tutor.dashboard).toBe(403);
  });

  it("raises a tutor where the registration says its administrator sets custom parameters, never a learner", async () => {
    // The development platform is its own administrator (registration trustCustomRoleParameter: true).
    const tutor = await rolesOf({ userId: devUsers.tutor, custom: { programme_role: "lead" } });
    expect(tutor.roles).toEqual(["lead", "tutor"]);
    expect(tutor.dashboard).toBe(200);
    expect((await rolesOf({ userId: devUsers.mentor, custom: { programme_role: "lead" } })).roles).toEqual(["mentor"]);
  });
});

describe("the registration's allow-list", () => {
  it("makes a listed member of staff a programme lead, and no one else", async () => {
    const platform = tool.devPlatform!;
    // As a platform file naming the leads would, applied by the real registration at start-up.
    await tool.deps.lti.registerPlatform(
      {
        name: "Allow-listing platform",
        lms: "other",
        issuer: platform.issuer,
        clientId: dynamicClientId,
        authLoginUrl: platform.authEndpoint,
        accessTokenUrl: platform.tokenEndpoint,
        jwksUrl: platform.jwksUrl,
        deploymentIds: (await Registration.findOne({ clientId: dynamicClientId }).lean())!.deploymentIds,
        leadUserIds: [devUsers.tutor],
      },
      "file",
    );
    expect((await rolesOf({ userId: devUsers.tutor, clientId: dynamicClientId })).roles).toEqual(["lead", "tutor"]);
    expect((await rolesOf({ userId: devUsers.mentor, clientId: dynamicClientId })).roles).toEqual(["mentor"]);
  });

  it("leaves administrators programme leads without any setting", async () => {
    expect((await rolesOf({ userId: devUsers.lead, clientId: dynamicClientId })).roles).toEqual(["lead", "tutor"]);
  });
});
