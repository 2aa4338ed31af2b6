import { randomBytes } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { describeIssues } from "./agsSchemas.js";
import type { ToolClient } from "./clients.js";
import { PlatformError, unauthorized } from "./errors.js";
import { productFamilyCode } from "./idToken.js";
import type { PlatformState } from "./state.js";
import { ALL_SERVICE_SCOPES } from "./vocabulary.js";

const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
const PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

const ZToolMessage = z.object({ type: z.string(), target_link_uri: z.string().url().optional() }).passthrough();

/** The tool's registration request (LTI Dynamic Registration 1.0, OpenID Connect DCR). */
const ZClientRegistration = z
  .object({
    application_type: z.literal("web"),
    response_types: z.array(z.string()).refine((v) => v.includes("id_token"), 'must include "id_token"'),
    grant_types: z
      .array(z.string())
      .refine(
        (v) => v.includes("implicit") && v.includes("client_credentials"),
        'must include "implicit" and "client_credentials"',
      ),
    initiate_login_uri: z.string().url(),
    redirect_uris: z.array(z.string().url()).min(1),
    client_name: z.string().min(1),
    jwks_uri: z.string().url(),
    logo_uri: z.string().url().optional(),
    token_endpoint_auth_method: z.literal("private_key_jwt"),
    scope: z.string().optional(),
    [TOOL_CONFIGURATION]: z
      .object({
        domain: z.string().min(1),
        target_link_uri: z.string().url(),
        custom_parameters: z.record(z.string(), z.string()).optional(),
        claims: z.array(z.string()).optional(),
        messages: z.array(ZToolMessage).optional(),
        description: z.string().optional(),
      })
      .passthrough(),
  })
  .passthrough();

const CLAIMS_SUPPORTED = [
  "iss",
  "sub",
  "aud",
  "azp",
  "exp",
  "iat",
  "nonce",
  "name",
  "given_name",
  "family_name",
  "email",
];

/** Dynamic Registration: discovery document, registration start, and the registration endpoint. */
export function registrationRoutes(state: PlatformState, registrationUrl: string | undefined): Router {
  const router = Router();
  const { urls } = state;
  let registeredCount = 0;

  router.get("/.well-known/openid-configuration", (_req, res) => {
    res.json({
      issuer: urls.issuer,
      authorization_endpoint: urls.auth,
      token_endpoint: urls.token,
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS256"],
      jwks_uri: urls.jwks,
      registration_endpoint: urls.registration,
      scopes_supported: ["openid", ...ALL_SERVICE_SCOPES],
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: CLAIMS_SUPPORTED,
      [PLATFORM_CONFIGURATION]: {
        product_family_code: productFamilyCode(state.quirks),
        version: "1.0",
        messages_supported: [
          { type: "LtiResourceLinkRequest" },
          { type: "LtiDeepLinkingRequest", placements: ["ContentArea"] },
        ],
        variables: [],
      },
    });
  });

  router.get("/start-registration", (_req, res) => {
    if (!registrationUrl) {
      throw new PlatformError(400, "not_configured", "This platform was not told the tool's registration URL", "html");
    }
    const target = new URL(registrationUrl);
    target.searchParams.set("openid_configuration", urls.openidConfiguration);
    target.searchParams.set("registration_token", state.registrationTokens.put({ issuedAt: Date.now() }));
    res.redirect(302, target.toString());
  });

  router.post("/register", (req, res) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
    if (!match || !state.registrationTokens.take(match[1])) {
      throw unauthorized("A registration token issued by /start-registration is required (one use only)");
    }
    const parsed = ZClientRegistration.safeParse(req.body);
    if (!parsed.success) {
      throw new PlatformError(400, "invalid_client_metadata", describeIssues(parsed.error));
    }
    const registration = parsed.data;
    const toolConfiguration = registration[TOOL_CONFIGURATION];
    const clientId = `dyn-${randomBytes(8).toString("hex")}`;
    const deploymentId = `dyn-deployment-${++registeredCount}`;
    const requestedScopes = (registration.scope ?? "").split(/\s+/).filter(Boolean);
    const client: ToolClient = {
      clientId,
      deploymentId,
      name: registration.client_name,
      loginUrl: registration.initiate_login_uri,
      launchUrl: toolConfiguration.target_link_uri,
      deepLinkUrl: toolConfiguration.messages?.find((m) => m.type === "LtiDeepLinkingRequest")?.target_link_uri,
      jwksUrl: registration.jwks_uri,
      redirectUris: registration.redirect_uris,
      scopes: requestedScopes.filter((scope) => ALL_SERVICE_SCOPES.includes(scope)),
      toolConfiguration: { ...toolConfiguration, deployment_id: deploymentId },
    };
    state.clients.add(client);
    res.json({
      ...registration,
      client_id: clientId,
      scope: client.scopes.join(" "),
      [TOOL_CONFIGURATION]: client.toolConfiguration,
    });
  });

  return router;
}
