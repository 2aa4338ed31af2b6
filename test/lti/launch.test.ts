import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { decodeJwt } from "jose";
import type { RunningTool } from "../../server/src/boot";
import { Registration } from "../../server/src/models/registration";
import { startTestTool } from "../support/server";
import {
  bearer,
  devCourse,
  devUsers,
  launchAs,
  otherCourse,
  parseAutoPostForm,
  postLaunch,
  startLogin,
} from "../support/launch";

const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

describe("LTI 1.3 launch through the development platform", () => {
  let tool: RunningTool;
  beforeAll(async () => {
    tool = await startTestTool();
    const p = tool.devPlatform!;
    p.addUser({ id: "multi-1", name: "Morgan Multi", email: "morgan@example.ac.uk" });
    p.enrol(devCourse, "multi-1", [LEARNER, INSTRUCTOR]);
    p.addUser({ id: "custom-lead-1", name: "Casey Lead" });
    p.enrol(devCourse, "custom-lead-1", [
      INSTRUCTOR,
      "http://purl.imsglobal.org/vocab/lis/v2/membership#programme_lead",
    ]);
    p.addUser({ id: "guest-1", name: "Gus Guest" });
    p.enrol(devCourse, "guest-1", ["http://purl.imsglobal.org/vocab/lis/v2/membership#Member"]);
  });
  afterAll(() => tool?.close());

  async function session(token: string) {
    const res = await request(tool.url).get("/api/session").set(bearer(token));
    expect(res.status).toBe(200);
    return res.body;
  }

  it("lands a mentor on the mentor home with mentor abilities only", async () => {
    const { token, location } = await launchAs(tool, { userId: devUsers.mentor });
    expect(location.startsWith(`${tool.url}/app/#session=`)).toBe(true);
    const s = await session(token);
    expect(s).toMatchObject({
      user: { id: devUsers.mentor, name: "Alex Morgan" },
      primaryRole: "mentor",
      roles: ["mentor"],
      context: { id: devCourse, title: "ITE Mentor Development 2026/27" },
      platform: { isDevelopment: true },
      messageType: "LtiResourceLinkRequest",
    });
    const registration = await Registration.findOne({ issuer: tool.devPlatform!.issuer }).lean();
    expect(s.platform.name).toBe(registration!.name);
    expect(s.abilities.buildPortfolio).toBe(true);
    expect(s.abilities.markModules).toBe(false);
    expect(s.abilities.viewDashboard).toBe(false);
  });

  it("lands a tutor on the tutor home", async () => {
    const s = await session((await launchAs(tool, { userId: devUsers.tutor })).token);
    expect(s.primaryRole).toBe("tutor");
    expect(s.abilities.markModules).toBe(true);
    expect(s.abilities.buildPortfolio).toBe(false);
  });

  it("lands a programme lead (Administrator) on the lead home", async () => {
    const s = await session((await launchAs(tool, { userId: devUsers.lead })).token);
    expect(s.primaryRole).toBe("lead");
    expect(s.roles).toContain("lead");
    expect(s.abilities.viewDashboard).toBe(true);
  });

  it("makes a programme lead of a user holding the configured PROGRAMME_LEAD_ROLE", async () => {
    const s = await session((await launchAs(tool, { userId: "custom-lead-1" })).token);
    expect(s.roles).toEqual(["lead", "tutor"]);
  });

  it("keeps every role of a user with several", async () => {
    const s = await session((await launchAs(tool, { userId: "multi-1" })).token);
    expect(s.roles).toEqual(["tutor", "mentor"]);
    expect(s.primaryRole).toBe("tutor");
  });

  it("scopes the session to the course launched from", async () => {
    const s = await session((await launchAs(tool, { userId: devUsers.mentor2, courseId: otherCourse })).token);
    expect(s.context.id).toBe(otherCourse);
  });

  it("refuses a user whose role has no access, with a page explaining why", async () => {
    const login = await startLogin(tool, { userId: "guest-1" });
    const auth = await fetch(login.authUrl);
    const form = parseAutoPostForm(await auth.text());
    const res = await postLaunch(tool, form.fields, login.cookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Your role has no access");
  });

  it("refuses API calls without a session, or with a forged or expired one", async () => {
    expect((await request(tool.url).get("/api/session")).status).toBe(401);
    const res = await request(tool.url).get("/api/session").set("Authorization", "Bearer not-a-token");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    const { token } = await launchAs(tool, { userId: devUsers.mentor });
    const [h, p] = token.split(".");
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(token), actor: { ...(decodeJwt(token).actor as object), roles: ["lead"] } })).toString("base64url")}.${token.split(".")[2]}`;
    expect((await request(tool.url).get("/api/session").set(bearer(tampered))).status).toBe(401);
    expect(p).toBeTruthy();
  });

  describe("refuses every malformed or hostile launch with a 4xx page, never a 500", () => {
    async function hostile(mint: (nonce: string) => Promise<string>, opts: { state?: (s: string) => string } = {}) {
      const login = await startLogin(tool, { userId: devUsers.mentor });
      const idToken = await mint(login.nonce);
      const res = await postLaunch(
        tool,
        { id_token: idToken, state: opts.state ? opts.state(login.state) : login.state },
        login.cookie,
      );
      const body = await res.text();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(body).toContain("<h1>");
      // Nothing of the token is echoed back.
      expect(body).not.toContain(idToken.slice(0, 40));
      return { status: res.status, body };
    }
    const mint = (extra: Record<string, unknown>) => (nonce: string) =>
      tool.devPlatform!.mintIdToken({ userId: devUsers.mentor, courseId: devCourse, nonce, ...extra });

    it("a valid token still launches (control)", async () => {
      const login = await startLogin(tool, { userId: devUsers.mentor });
      const res = await postLaunch(tool, { id_token: await mint({})(login.nonce), state: login.state }, login.cookie);
      expect(res.status).toBe(303);
    });

    it("bad signature", async () => {
      const r = await hostile(mint({ signWith: "foreign" }));
      expect(r.body).toMatch(/could not be verified/);
    });
    it("signed with a key id the platform does not publish", async () => {
      expect((await hostile(mint({ kid: "no-such-key" }))).body).toMatch(/could not be verified/);
    });
    it("wrong audience", async () => {
      expect((await hostile(mint({ claims: { aud: "some-other-tool" } }))).body).toMatch(
        /not registered|could not be verified/,
      );
    });
    it("expired token", async () => {
      const now = Math.floor(Date.now() / 1000);
      expect((await hostile(mint({ issuedAt: now - 600, expiresInSeconds: -300 }))).body).toMatch(/expired/);
    });
    it("replayed nonce / reused launch", async () => {
      const login = await startLogin(tool, { userId: devUsers.mentor });
      const idToken = await mint({})(login.nonce);
      expect((await postLaunch(tool, { id_token: idToken, state: login.state }, login.cookie)).status).toBe(303);
      const again = await postLaunch(tool, { id_token: idToken, state: login.state }, login.cookie);
      expect(again.status).toBe(401);
      expect(await again.text()).toMatch(/already used|expired/);
    });
    it("the same launch posted several times at once: exactly one succeeds", async () => {
      const login = await startLogin(tool, { userId: devUsers.mentor });
      const idToken = await mint({})(login.nonce);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => postLaunch(tool, { id_token: idToken, state: login.state }, login.cookie)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([303, 401, 401, 401, 401, 401]);
    });
    it("a nonce that does not belong to the login", async () => {
      expect((await hostile(() => mint({})("another-nonce"))).body).toMatch(/does not belong/);
    });
    it("unknown deployment", async () => {
      const r = await hostile(
        mint({ claims: { "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "not-registered-deployment" } }),
      );
      expect(r.status).toBe(401);
      expect(r.body).toMatch(/deployment/);
    });
    it("a deployment added to the registration after this server last read it launches at once", async () => {
      // As another server registering the platform again would: the registration changes in the
      // database only, while this one remembers the version it read for earlier launches.
      const issuer = tool.devPlatform!.issuer;
      await Registration.updateOne({ issuer }, { $addToSet: { deploymentIds: "added-later" } });
      try {
        const login = await startLogin(tool, { userId: devUsers.mentor });
        const idToken = await mint({
          claims: { "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "added-later" },
        })(login.nonce);
        expect((await postLaunch(tool, { id_token: idToken, state: login.state }, login.cookie)).status).toBe(303);
      } finally {
        await Registration.updateOne({ issuer }, { $pull: { deploymentIds: "added-later" } });
      }
    });
    it("wrong issuer", async () => {
      expect((await hostile(mint({ claims: { iss: "https://evil.example.com" } }))).body).toMatch(
        /different VLE|not registered/,
      );
    });
    it("missing claims (roles, deployment id, message type, context)", async () => {
      for (const claim of ["roles", "deployment_id", "message_type", "version"]) {
        const r = await hostile(mint({ omitClaims: [claim] }));
        expect(r.body, claim).toMatch(/incomplete|Unsupported|not registered|deployment/);
      }
      expect((await hostile(mint({ omitClaims: ["context"] }))).body).toMatch(/within a course/);
    });
    it("not a JWT", async () => {
      expect((await hostile(async () => "this-is-not-a-jwt")).body).toMatch(/not a valid signed token/);
    });
    it("a launch with no login behind it (unknown state)", async () => {
      expect((await hostile(mint({}), { state: () => "made-up-state" })).body).toMatch(/expired or was already used/);
    });
    it("an empty POST and a GET on the launch URL", async () => {
      const empty = await postLaunch(tool, {});
      expect(empty.status).toBe(400);
      expect((await fetch(`${tool.url}/lti/launch`)).status).toBe(405);
    });
    it("a login initiation with missing parameters or from an unknown platform", async () => {
      const missing = await fetch(`${tool.url}/lti/login?iss=${encodeURIComponent(tool.devPlatform!.issuer)}`);
      expect(missing.status).toBe(400);
      expect(await missing.text()).toMatch(/login_hint/);
      const unknown = await fetch(`${tool.url}/lti/login`, {
        method: "POST",
        body: new URLSearchParams({
          iss: "https://unknown.example.com",
          login_hint: "x",
          target_link_uri: `${tool.url}/lti/launch`,
        }),
      });
      expect(unknown.status).toBe(400);
      expect(await unknown.text()).toMatch(/not registered/);
    });
  });

  it("publishes the tool's keys as a JWKS", async () => {
    const res = await request(tool.url).get("/lti/keys");
    expect(res.status).toBe(200);
    expect(res.body.keys.length).toBeGreaterThan(0);
    expect(res.body.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
  });
});

describe("concurrent launches", () => {
  let tool: RunningTool;
  beforeAll(async () => {
    tool = await startTestTool();
    for (let i = 0; i < 24; i++) {
      tool.devPlatform!.addUser({ id: `crowd-${i}`, name: `Crowd Mentor ${i}` });
      tool.devPlatform!.enrol(devCourse, `crowd-${i}`, [LEARNER]);
    }
  });
  afterAll(() => tool?.close());

  it("handles many people launching into the same course at once", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) => launchAs(tool, { userId: `crowd-${i}` })),
    );
    const failures = results
      .filter((r) => r.status === "rejected")
      .map((r) => String((r as PromiseRejectedResult).reason).slice(0, 300));
    expect(failures).toEqual([]);
  });
});

describe("several server processes on one database", () => {
  let first: RunningTool;
  let second: RunningTool;
  beforeAll(async () => {
    const databaseName = `t_shared_${Date.now()}`;
    first = await startTestTool({}, { databaseName });
    second = await startTestTool({}, { databaseName });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it("accepts a launch that returns to another process than the one that started the login, once", async () => {
    const login = await startLogin(first, { userId: devUsers.mentor });
    const auth = await fetch(login.authUrl, { redirect: "manual" });
    const form = parseAutoPostForm(await auth.text());
    const landed = await postLaunch(second, form.fields);
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toMatch(/#session=/);
    // The state is used up for every process, including the one that started the login.
    const replay = await postLaunch(first, form.fields);
    expect(replay.status).toBe(401);
  });
});
