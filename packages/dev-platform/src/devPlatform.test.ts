import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDevPlatform } from "./index.js";
import { readForm, startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import { CLAIM, ROLE, SCOPE } from "./vocabulary.js";

let h: PlatformHarness;
beforeEach(async () => {
  h = await startPlatformHarness();
});
afterEach(async () => {
  await h.close();
});

const mentorLaunch = { userId: "dev-mentor-1", courseId: "course-mentor-2026" };

async function verifyWithPlatformJwks(idToken: string) {
  const jwks = createRemoteJWKSet(new URL(h.platform.jwksUrl));
  return (await jwtVerify(idToken, jwks, { issuer: h.platform.issuer, audience: h.platform.clientId })).payload;
}

describe("login initiation", () => {
  it("returns the OIDC login initiation fields with an opaque message hint", () => {
    const fields = h.platform.loginInitiation(mentorLaunch);
    expect(Object.keys(fields).sort()).toEqual(
      ["client_id", "iss", "login_hint", "lti_deployment_id", "lti_message_hint", "target_link_uri"].sort(),
    );
    expect(fields).toMatchObject({
      iss: h.platform.issuer,
      login_hint: "dev-mentor-1",
      target_link_uri: h.tool.launchUrl,
      client_id: "mentor-pathways-test",
      lti_deployment_id: "test-deployment-1",
    });
    expect(fields.lti_message_hint).not.toContain("course-mentor-2026");
  });

  it("targets the deep-linking URL for a deep-linking request", () => {
    const fields = h.platform.loginInitiation({
      ...mentorLaunch,
      userId: "dev-tutor-1",
      messageType: "LtiDeepLinkingRequest",
    });
    expect(fields.target_link_uri).toBe(h.tool.deepLinkUrl);
  });

  it("refuses a user who is not enrolled on the course", () => {
    expect(() => h.platform.loginInitiation({ userId: "dev-mentor-1", courseId: "course-other" })).toThrow(
      /not enrolled/,
    );
  });

  it("serves /launch as an auto-submitting form to the tool's login URL that also works without JavaScript", async () => {
    const res = await fetch(`${h.platform.issuer}/launch?user=dev-mentor-1&course=course-mentor-2026`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<button type="submit">Continue<\/button>/);
    const form = readForm(html);
    expect(form.action).toBe(h.tool.loginUrl);
    expect(form.fields).toMatchObject({
      iss: h.platform.issuer,
      login_hint: "dev-mentor-1",
      client_id: "mentor-pathways-test",
    });
    expect(res.headers.get("content-security-policy")).toContain("form-action *");
  });

  it("accepts a POSTed launch and can wrap it in an iframe like an LMS course page", async () => {
    const res = await fetch(`${h.platform.issuer}/launch`, {
      method: "POST",
      body: new URLSearchParams({ user: "dev-tutor-1", course: "course-other", display: "iframe" }),
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/<iframe title="Mentor Pathways" src="launch\?user=dev-tutor-1&amp;course=course-other/);
  });

  it("answers a launch for an unknown user with a readable 400 page", async () => {
    const res = await fetch(`${h.platform.issuer}/launch?user=nobody&course=course-mentor-2026`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("There is no user");
  });
});

describe("authorization endpoint", () => {
  it("posts a signed id_token and the state to the redirect URI", async () => {
    const { status, html, nonce } = await h.authorize({ ...mentorLaunch, custom: { target: "portfolio" } });
    expect(status).toBe(200);
    const form = readForm(html);
    expect(form.action).toBe(h.tool.launchUrl);
    expect(form.fields.state).toBe("state-123");

    const header = decodeProtectedHeader(form.fields.id_token);
    expect(header).toMatchObject({ alg: "RS256" });
    expect(header.kid).toBeTruthy();
    const claims = await verifyWithPlatformJwks(form.fields.id_token);
    expect(claims).toMatchObject({
      iss: h.platform.issuer,
      aud: "mentor-pathways-test",
      azp: "mentor-pathways-test",
      sub: "dev-mentor-1",
      nonce,
      name: "Alex Morgan",
      given_name: "Alex",
      family_name: "Morgan",
      email: "alex.morgan@oakfield.example",
      [CLAIM.messageType]: "LtiResourceLinkRequest",
      [CLAIM.version]: "1.3.0",
      [CLAIM.deploymentId]: "test-deployment-1",
      [CLAIM.targetLinkUri]: h.tool.launchUrl,
      [CLAIM.resourceLink]: { id: "rl-course-mentor-2026", title: "Mentor Pathways" },
      [CLAIM.roles]: [ROLE.learner],
      [CLAIM.context]: {
        id: "course-mentor-2026",
        label: "MENT-2026",
        title: "ITE Mentor Development 2026/27",
        type: ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
      },
      [CLAIM.launchPresentation]: { document_target: "iframe", return_url: `${h.platform.issuer}/` },
      [CLAIM.custom]: { school: "Oakfield Primary", target: "portfolio" },
      [CLAIM.ags]: {
        scope: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score],
        lineitems: `${h.platform.issuer}/api/courses/course-mentor-2026/lineitems`,
      },
      [CLAIM.nrps]: {
        context_memberships_url: `${h.platform.issuer}/api/courses/course-mentor-2026/memberships`,
        service_versions: ["2.0"],
      },
    });
    expect(claims[CLAIM.toolPlatform]).toMatchObject({ product_family_code: "mentor-pathways-dev-platform" });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(claims[CLAIM.deepLinkingSettings]).toBeUndefined();
  });

  it("gives the programme lead both the administrator and instructor roles", async () => {
    const { html } = await h.authorize({ userId: "dev-lead-1", courseId: "course-mentor-2026" });
    const claims = await verifyWithPlatformJwks(readForm(html).fields.id_token);
    expect(claims[CLAIM.roles]).toEqual([ROLE.administrator, ROLE.instructor]);
  });

  it("sends deep-linking settings, and no resource link, for a deep-linking request", async () => {
    const { html } = await h.authorize({
      userId: "dev-tutor-1",
      courseId: "course-mentor-2026",
      messageType: "LtiDeepLinkingRequest",
    });
    const form = readForm(html);
    expect(form.action).toBe(h.tool.deepLinkUrl);
    const claims = await verifyWithPlatformJwks(form.fields.id_token);
    expect(claims[CLAIM.messageType]).toBe("LtiDeepLinkingRequest");
    expect(claims[CLAIM.resourceLink]).toBeUndefined();
    expect(claims[CLAIM.deepLinkingSettings]).toMatchObject({
      deep_link_return_url: `${h.platform.issuer}/deep-link-return`,
      accept_types: ["ltiResourceLink"],
      accept_presentation_document_targets: ["iframe", "window"],
      accept_multiple: true,
    });
    expect(typeof (claims[CLAIM.deepLinkingSettings] as { data: unknown }).data).toBe("string");
  });

  const refusals: Array<[string, Record<string, string | undefined>]> = [
    ["scope without openid", { scope: "profile" }],
    ["response_type code", { response_type: "code" }],
    ["response_mode query", { response_mode: "query" }],
    ["prompt login", { prompt: "login" }],
    ["unknown client_id", { client_id: "someone-else" }],
    ["unregistered redirect_uri", { redirect_uri: "https://evil.example/launch" }],
    ["missing nonce", { nonce: undefined }],
    ["unknown login_hint", { login_hint: "nobody" }],
    ["login_hint of another user", { login_hint: "dev-mentor-2" }],
    ["forged lti_message_hint", { lti_message_hint: "course-mentor-2026" }],
    ["missing lti_message_hint", { lti_message_hint: undefined }],
    ["wrong lti_deployment_id", { lti_deployment_id: "other-deployment" }],
  ];
  it.each(refusals)("refuses %s with a 400 HTML page", async (_name, overrides) => {
    const { status, html } = await h.authorize(mentorLaunch, overrides);
    expect(status).toBe(400);
    expect(html).toContain("Request refused");
    expect(html).not.toContain(`name="id_token"`);
  });
});

describe("hostile id_tokens for the tool's tests", () => {
  const base = { ...mentorLaunch, nonce: "n-1" };

  it("mints tokens that verify, with claims overridden or omitted on request", async () => {
    const token = await h.platform.mintIdToken({
      ...base,
      claims: { aud: "another-tool" },
      omitClaims: ["deployment_id", "email"],
    });
    const { payload } = await jwtVerify(token, createLocalJWKSet(await (await fetch(h.platform.jwksUrl)).json()));
    expect(payload.aud).toBe("another-tool");
    expect(payload[CLAIM.deploymentId]).toBeUndefined();
    expect(payload.email).toBeUndefined();
    expect(payload.nonce).toBe("n-1");
  });

  it("mints expired tokens and tokens with a foreign signature or unknown kid", async () => {
    const jwks = createRemoteJWKSet(new URL(h.platform.jwksUrl));
    const expired = await h.platform.mintIdToken({ ...base, issuedAt: 1_000_000, expiresInSeconds: 60 });
    await expect(jwtVerify(expired, jwks)).rejects.toThrow(/exp/);
    const foreign = await h.platform.mintIdToken({ ...base, signWith: "foreign" });
    await expect(jwtVerify(foreign, jwks)).rejects.toThrow(/signature/);
    const unknownKid = await h.platform.mintIdToken({ ...base, kid: "no-such-key" });
    await expect(jwtVerify(unknownKid, jwks)).rejects.toThrow();
  });
});

describe("platform keys", () => {
  it("publishes a rotated key first and keeps the old one until told not to", async () => {
    const before = (await (await fetch(h.platform.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    await h.platform.rotateKey();
    const during = (await (await fetch(h.platform.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    expect(during.keys).toHaveLength(2);
    expect(during.keys[1].kid).toBe(before.keys[0].kid);
    const token = await h.platform.mintIdToken({ ...mentorLaunch, nonce: "n" });
    expect(decodeProtectedHeader(token).kid).toBe(during.keys[0].kid);

    await h.platform.rotateKey({ keepOld: false });
    const after = (await (await fetch(h.platform.jwksUrl)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(after.keys).toHaveLength(1);
    expect(after.keys[0].kid).not.toBe(during.keys[0].kid);
    expect(after.keys[0].d).toBeUndefined();
  });

  it("persists its private key to keyFile and reuses it", async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), "devplatform-")), "keys", "platform.json");
    const options = { ...{ issuer: "http://127.0.0.1:1/p", clientId: "c", deploymentId: "d" }, tool: h.tool, keyFile };
    const first = await createDevPlatform(options);
    const saved = JSON.parse(readFileSync(keyFile, "utf8")) as { kid: string; d: string };
    expect(saved.d).toBeTruthy();
    const second = await createDevPlatform(options);
    const token = await second.mintIdToken({ ...mentorLaunch, nonce: "n" });
    expect(decodeProtectedHeader(token).kid).toBe(saved.kid);
    first.close();
    second.close();
  });
});

describe("home page", () => {
  it("lists members with accessible launch buttons and a deep-linking button", async () => {
    const res = await fetch(`${h.platform.issuer}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Development platform — not a real LMS");
    expect(html).toContain("<h2");
    expect(html).toContain(">Launch as Alex Morgan (Learner)</button>");
    expect(html).toContain(">Launch as Dr Jo Reid (Instructor)</button>");
    expect(html).toContain(">Launch as Prof Chris Lee (Administrator, Instructor)</button>");
    expect(html).toContain(">Place the tool (deep linking)</button>");
    expect(html).toContain("Priya Shah");
    expect(html).not.toContain("Launch as Priya Shah");
    expect(html).toMatch(/<label for="course-0-link">/);
  });

  it("redirects to the trailing-slash address so relative form actions resolve", async () => {
    const res = await fetch(h.platform.issuer, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/dev-platform/");
  });

  it("can start empty for tests that build their own data", async () => {
    const empty = await createDevPlatform({
      issuer: "http://127.0.0.1:1/p",
      clientId: "c",
      deploymentId: "d",
      tool: h.tool,
      seed: false,
    });
    empty.addCourse({ id: "c1", title: "Course 1" });
    empty.addUser({ id: "u1", name: "User One" });
    empty.enrol("c1", "u1", [ROLE.learner]);
    expect(empty.loginInitiation({ userId: "u1", courseId: "c1" }).login_hint).toBe("u1");
    expect(() => empty.loginInitiation({ userId: "dev-mentor-1", courseId: "course-mentor-2026" })).toThrow();
    empty.close();
  });
});
