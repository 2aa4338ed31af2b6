import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateToolKey, startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import { SCOPE } from "./vocabulary.js";

let h: PlatformHarness;
beforeEach(async () => {
  h = await startPlatformHarness();
});
afterEach(async () => {
  await h.close();
});

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

async function tokenRequest(assertion: string, scope = `${SCOPE.score} ${SCOPE.lineItem}`) {
  const res = await h.requestToken({
    grant_type: "client_credentials",
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
    scope,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("token endpoint", () => {
  it("grants a bearer token for a valid client assertion, limited to known scopes", async () => {
    const { status, body } = await tokenRequest(
      await h.clientAssertion(),
      `${SCOPE.score} https://example.com/scope/admin ${SCOPE.membershipReadonly}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: `${SCOPE.score} ${SCOPE.membershipReadonly}`,
    });
    expect(typeof body.access_token).toBe("string");
    expect(h.platform.accessTokens.issued()).toHaveLength(1);
  });

  it("accepts the issuer as audience as well as the token endpoint", async () => {
    const { status } = await tokenRequest(await h.clientAssertion({ aud: [h.platform.issuer] }));
    expect(status).toBe(200);
  });

  it("uses the configured token lifetime", async () => {
    const short = await startPlatformHarness({ accessTokenTtlSeconds: 5 });
    const res = await short.requestToken({
      grant_type: "client_credentials",
      client_assertion_type: JWT_BEARER,
      client_assertion: await short.clientAssertion(),
      scope: SCOPE.score,
    });
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(5);
    await short.close();
  });

  const refusals: Array<[string, number, string, () => Promise<string>]> = [
    [
      "a signature from a key the tool never published",
      401,
      "invalid_client",
      async () => h.clientAssertion({}, { key: await generateToolKey() }),
    ],
    ["the wrong audience", 401, "invalid_client", () => h.clientAssertion({ aud: "https://other.example/token" })],
    [
      "iss and sub of another client",
      401,
      "invalid_client",
      () => h.clientAssertion({ iss: "someone", sub: "someone" }),
    ],
    ["a sub that is not the client", 401, "invalid_client", () => h.clientAssertion({ sub: "someone" })],
    ["an expired assertion", 401, "invalid_client", () => h.clientAssertion({ iat: 1_000_000, exp: 1_000_060 })],
    ["an assertion without jti", 401, "invalid_client", () => h.clientAssertion({ jti: undefined })],
    ["something that is not a JWT", 400, "invalid_request", async () => "not-a-jwt"],
  ];
  it.each(refusals)("refuses %s", async (_name, status, error, makeAssertion) => {
    const result = await tokenRequest(await makeAssertion());
    expect(result.status).toBe(status);
    expect(result.body.error).toBe(error);
    expect(typeof result.body.error_description).toBe("string");
  });

  it("refuses a replayed assertion (same jti)", async () => {
    const assertion = await h.clientAssertion({ jti: randomUUID() });
    expect((await tokenRequest(assertion)).status).toBe(200);
    const replay = await tokenRequest(assertion);
    expect(replay.status).toBe(401);
    expect(String(replay.body.error_description)).toMatch(/jti/);
  });

  it("refuses a wrong grant type, a missing assertion and unknown scopes with 400", async () => {
    const wrongGrant = await h.requestToken({
      grant_type: "password",
      client_assertion_type: JWT_BEARER,
      client_assertion: "x",
      scope: SCOPE.score,
    });
    expect(wrongGrant.status).toBe(400);
    expect(((await wrongGrant.json()) as { error: string }).error).toBe("unsupported_grant_type");
    const noAssertion = await h.requestToken({
      grant_type: "client_credentials",
      client_assertion_type: JWT_BEARER,
      scope: SCOPE.score,
    });
    expect(noAssertion.status).toBe(400);
    const badScope = await tokenRequest(await h.clientAssertion(), "https://example.com/scope/admin");
    expect(badScope.status).toBe(400);
    expect(badScope.body.error).toBe("invalid_scope");
  });

  it("fetches the tool's JWKS again when the tool rotates to a new kid", async () => {
    expect((await tokenRequest(await h.clientAssertion())).status).toBe(200);
    const fresh = await h.rotateToolKey();
    expect((await tokenRequest(await h.clientAssertion({}, { key: fresh }))).status).toBe(200);
  });
});

describe("service authorization", () => {
  const lineItems = () => `${h.platform.issuer}/api/courses/course-mentor-2026/lineitems`;

  it("answers 401 without a token, 401 for an unknown or expired token, 403 for the wrong scope", async () => {
    expect((await fetch(lineItems())).status).toBe(401);
    const unknown = await fetch(lineItems(), { headers: { Authorization: "Bearer nope" } });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain("Bearer");

    const membershipOnly = await h.accessToken([SCOPE.membershipReadonly]);
    const wrongScope = await fetch(lineItems(), { headers: { Authorization: `Bearer ${membershipOnly}` } });
    expect(wrongScope.status).toBe(403);

    const good = await h.accessToken([SCOPE.lineItemReadonly]);
    expect((await fetch(lineItems(), { headers: { Authorization: `Bearer ${good}` } })).status).toBe(200);
    h.platform.accessTokens.expireAll();
    const expired = await fetch(lineItems(), { headers: { Authorization: `Bearer ${good}` } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: string }).error).toBe("invalid_token");
  });
});
