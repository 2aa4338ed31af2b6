import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readForm, startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import { CLAIM, SCOPE } from "./vocabulary.js";

let h: PlatformHarness;
beforeEach(async () => {
  h = await startPlatformHarness();
});
afterEach(async () => {
  await h.close();
});

const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

/** What ltijs (and most tools) send to the registration endpoint. */
function registrationRequest() {
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: h.tool.loginUrl,
    redirect_uris: [h.tool.launchUrl],
    client_name: "Mentor Pathways (registered)",
    jwks_uri: h.tool.jwksUrl,
    token_endpoint_auth_method: "private_key_jwt",
    scope: `${SCOPE.lineItem} ${SCOPE.score} ${SCOPE.membershipReadonly}`,
    [TOOL_CONFIGURATION]: {
      domain: new URL(h.origin).host,
      target_link_uri: h.tool.launchUrl,
      claims: ["iss", "sub", "name"],
      messages: [
        { type: "LtiResourceLinkRequest" },
        { type: "LtiDeepLinkingRequest", target_link_uri: h.tool.launchUrl },
      ],
    },
  };
}

async function startRegistration(): Promise<{ openidConfiguration: string; registrationToken: string }> {
  const res = await fetch(`${h.platform.issuer}/start-registration`, { redirect: "manual" });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(h.tool.registrationUrl);
  return {
    openidConfiguration: location.searchParams.get("openid_configuration")!,
    registrationToken: location.searchParams.get("registration_token")!,
  };
}

const register = (body: unknown, registrationToken?: string) =>
  fetch(`${h.platform.issuer}/register`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(registrationToken ? { Authorization: `Bearer ${registrationToken}` } : {}),
    },
    body: JSON.stringify(body),
  });

describe("dynamic registration", () => {
  it("publishes an OpenID configuration with the LTI platform configuration", async () => {
    const { openidConfiguration } = await startRegistration();
    const config = (await (await fetch(openidConfiguration)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: h.platform.issuer,
      authorization_endpoint: h.platform.authEndpoint,
      token_endpoint: h.platform.tokenEndpoint,
      jwks_uri: h.platform.jwksUrl,
      registration_endpoint: `${h.platform.issuer}/register`,
      response_types_supported: ["id_token"],
      id_token_signing_alg_values_supported: ["RS256"],
      "https://purl.imsglobal.org/spec/lti-platform-configuration": {
        product_family_code: "mentor-pathways-dev-platform",
        version: "1.0",
        messages_supported: [
          { type: "LtiResourceLinkRequest" },
          { type: "LtiDeepLinkingRequest", placements: ["ContentArea"] },
        ],
      },
    });
    expect(config.scopes_supported).toEqual(expect.arrayContaining(["openid", SCOPE.score, SCOPE.membershipReadonly]));
    expect(config.claims_supported).toEqual(expect.arrayContaining(["sub", "name", "email"]));
  });

  it("registers a tool once per token, then launches and grants tokens to it", async () => {
    const { registrationToken } = await startRegistration();
    const res = await register(registrationRequest(), registrationToken);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { client_id: string };
    const toolConfiguration = body[TOOL_CONFIGURATION] as { deployment_id: string; domain: string };
    expect(body.client_id).toMatch(/^dyn-/);
    expect(body.client_name).toBe("Mentor Pathways (registered)");
    expect(toolConfiguration.deployment_id).toBeTruthy();
    expect(toolConfiguration.domain).toBe(new URL(h.origin).host);
    expect(h.platform.registrations.list()).toEqual([
      { clientId: body.client_id, deploymentId: toolConfiguration.deployment_id, toolConfiguration },
    ]);

    expect((await register(registrationRequest(), registrationToken)).status).toBe(401);

    // The new client launches with its own id and deployment...
    const { status, html } = await h.authorize({
      userId: "dev-mentor-1",
      courseId: "course-mentor-2026",
      clientId: body.client_id,
    });
    expect(status).toBe(200);
    const claims = decodeJwt(readForm(html).fields.id_token);
    expect(claims.aud).toBe(body.client_id);
    expect(claims[CLAIM.deploymentId]).toBe(toolConfiguration.deployment_id);
    expect((claims[CLAIM.ags] as { scope: string[] }).scope).toEqual([SCOPE.lineItem, SCOPE.score]);

    // ...and gets only the scopes it registered for.
    const tokenRes = await h.requestToken({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await h.clientAssertion({ iss: body.client_id, sub: body.client_id }),
      scope: `${SCOPE.score} ${SCOPE.resultReadonly}`,
    });
    expect(((await tokenRes.json()) as { scope: string }).scope).toBe(SCOPE.score);
  });

  it("refuses registration without a token issued by the platform", async () => {
    expect((await register(registrationRequest())).status).toBe(401);
    expect((await register(registrationRequest(), "made-up")).status).toBe(401);
    expect(h.platform.registrations.list()).toEqual([]);
  });

  it("refuses an incomplete registration request", async () => {
    const { registrationToken } = await startRegistration();
    const { jwks_uri: _omitted, ...withoutJwks } = registrationRequest();
    const res = await register(withoutJwks, registrationToken);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_client_metadata");
  });
});
