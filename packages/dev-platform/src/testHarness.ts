import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { createDevPlatform } from "./index.js";
import type { DevPlatform, DevPlatformOptions, LoginInitiationParams } from "./types.js";
import { ALL_SERVICE_SCOPES } from "./vocabulary.js";

/** A tool's signing key, as the tests' stand-in tool holds it. */
export interface ToolKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * A running development platform mounted in a real express server on 127.0.0.1, plus just
 * enough of a tool (a JWKS route and a signing key) to talk to it over real HTTP.
 * Used by the platform's own tests; other suites may use it too.
 */
export interface PlatformHarness {
  origin: string;
  platform: DevPlatform;
  tool: { loginUrl: string; launchUrl: string; jwksUrl: string; deepLinkUrl: string; registrationUrl: string };
  toolKeys: ToolKey[];
  /** Serves another tool key first in the tool JWKS and signs with it from now on. */
  rotateToolKey(): Promise<ToolKey>;
  /** Signs a JWT as the tool; claims override the defaults (iss = sub = clientId). */
  signAsTool(claims: JWTPayload, opts?: { key?: ToolKey; kid?: string }): Promise<string>;
  clientAssertion(claims?: JWTPayload, opts?: { key?: ToolKey }): Promise<string>;
  /** Performs the client-credentials grant and returns the raw response. */
  requestToken(fields: Record<string, string>): Promise<Response>;
  accessToken(scopes?: string[]): Promise<string>;
  /** Runs login initiation then the authorization request as ltijs would; returns the /auth response. */
  authorize(
    p: LoginInitiationParams,
    overrides?: Record<string, string | undefined>,
  ): Promise<{ status: number; html: string; nonce: string }>;
  close(): Promise<void>;
}

export async function startPlatformHarness(overrides: Partial<DevPlatformOptions> = {}): Promise<PlatformHarness> {
  const app = express();
  const toolKeys: ToolKey[] = [await generateToolKey()];
  app.get("/tool/jwks", (_req, res) => {
    res.json({ keys: toolKeys.map((k) => k.publicJwk) });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tool = {
    loginUrl: `${origin}/tool/login`,
    launchUrl: `${origin}/tool/launch`,
    jwksUrl: `${origin}/tool/jwks`,
    deepLinkUrl: `${origin}/tool/deep-link`,
    registrationUrl: `${origin}/tool/register`,
  };
  const platform = await createDevPlatform({
    issuer: `${origin}/dev-platform`,
    clientId: "mentor-pathways-test",
    deploymentId: "test-deployment-1",
    tool,
    ...overrides,
  });
  app.use("/dev-platform", platform.router);

  const signAsTool: PlatformHarness["signAsTool"] = (claims, opts = {}) => {
    const key = opts.key ?? toolKeys[0];
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, exp: now + 60, jti: randomUUID(), ...claims })
      .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? key.kid })
      .sign(key.privateKey);
  };
  const clientAssertion: PlatformHarness["clientAssertion"] = (claims = {}, opts = {}) =>
    signAsTool({ iss: platform.clientId, sub: platform.clientId, aud: platform.tokenEndpoint, ...claims }, opts);
  const requestToken = (fields: Record<string, string>) =>
    fetch(platform.tokenEndpoint, { method: "POST", body: new URLSearchParams(fields) });

  return {
    origin,
    platform,
    tool,
    toolKeys,
    async rotateToolKey() {
      const key = await generateToolKey();
      toolKeys.unshift(key);
      return key;
    },
    signAsTool,
    clientAssertion,
    requestToken,
    async accessToken(scopes = ALL_SERVICE_SCOPES) {
      const res = await requestToken({
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await clientAssertion(),
        scope: scopes.join(" "),
      });
      if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    async authorize(p, authOverrides = {}) {
      const fields = platform.loginInitiation(p);
      const nonce = randomUUID();
      const query: Record<string, string | undefined> = {
        scope: "openid",
        response_type: "id_token",
        response_mode: "form_post",
        prompt: "none",
        client_id: fields.client_id,
        redirect_uri: fields.target_link_uri,
        login_hint: fields.login_hint,
        lti_message_hint: fields.lti_message_hint,
        lti_deployment_id: fields.lti_deployment_id,
        state: "state-123",
        nonce,
        ...authOverrides,
      };
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      const res = await fetch(`${platform.authEndpoint}?${params}`);
      return { status: res.status, html: await res.text(), nonce };
    },
    async close() {
      platform.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export async function generateToolKey(): Promise<ToolKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}

/** Reads an auto-submitting form: its action and its hidden fields, unescaped. */
export function readForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`No form in page:\n${html}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescape(match[1])] = unescape(match[2]);
  }
  return { action: unescape(action), fields };
}

function unescape(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
