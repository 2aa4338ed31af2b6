import { Router } from "express";
import { decodeJwt } from "jose";
import { asyncRoute, PlatformError } from "./errors.js";
import type { PlatformState } from "./state.js";
import { ToolJwtError } from "./toolKeys.js";
import { ALL_SERVICE_SCOPES } from "./vocabulary.js";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

const oauthError = (status: number, code: string, message: string) =>
  new PlatformError(status, code, message, "json", { "Cache-Control": "no-store" });

/**
 * The OAuth2 token endpoint: client-credentials grant authenticated by a JWT client assertion
 * (RFC 7523), as LTI Advantage services require.
 */
export function tokenRoutes(state: PlatformState): Router {
  const router = Router();

  router.post(
    "/token",
    state.faults.guard("token"),
    asyncRoute(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);

      if (field("grant_type") !== "client_credentials") {
        throw oauthError(400, "unsupported_grant_type", 'grant_type must be "client_credentials"');
      }
      if (field("client_assertion_type") !== JWT_BEARER) {
        throw oauthError(400, "invalid_request", `client_assertion_type must be "${JWT_BEARER}"`);
      }
      const assertion = field("client_assertion");
      if (!assertion) throw oauthError(400, "invalid_request", "client_assertion is required");

      let claimedClient: string | undefined;
      try {
        claimedClient = decodeJwt(assertion).iss;
      } catch {
        throw oauthError(400, "invalid_request", "client_assertion is not a JWT");
      }
      const client = state.clients.get(claimedClient);
      if (!client)
        throw oauthError(401, "invalid_client", `No tool is registered with client id "${claimedClient ?? ""}"`);

      let claims;
      try {
        claims = await state.toolKeys.verify(assertion, client.jwksUrl, {
          issuer: client.clientId,
          subject: client.clientId,
          audience: [state.urls.token, state.urls.issuer],
          requiredClaims: ["exp", "jti"],
        });
      } catch (err) {
        const reason = err instanceof ToolJwtError ? err.message : String(err);
        throw oauthError(401, "invalid_client", `client_assertion refused: ${reason}`);
      }
      if (!state.replays.accept(`jti:${client.clientId}:${claims.jti}`, (claims.exp ?? 0) * 1000)) {
        throw oauthError(401, "invalid_client", "client_assertion jti has already been used");
      }

      const requested = (field("scope") ?? "").split(/\s+/).filter(Boolean);
      const granted = requested.filter((scope) => ALL_SERVICE_SCOPES.includes(scope) && client.scopes.includes(scope));
      if (granted.length === 0) {
        throw oauthError(400, "invalid_scope", "None of the requested scopes can be granted to this tool");
      }
      const grant = state.accessTokens.issue(client.clientId, [...new Set(granted)]);
      res.set("Cache-Control", "no-store").json({
        access_token: grant.token,
        token_type: "Bearer",
        expires_in: state.accessTokens.ttl,
        scope: grant.scopes.join(" "),
      });
    }),
  );

  return router;
}
