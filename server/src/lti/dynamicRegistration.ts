import type { Request, Response } from "express";
import { z } from "zod";
import type { LtijsProvider } from "./ltijs";
import { registerPlatform } from "./registrations";
import { sendLaunchErrorPage } from "./errorPage";
import { toolUrls } from "./toolUrls";
import {
  checkUrl,
  checkUrlForm,
  fetchRegistrationJson,
  RefusedAddressError,
  RegistrationFetchError,
  type AddressPolicy,
} from "./registrationHttp";

const TOOL_CONFIG = "https://purl.imsglobal.org/spec/lti-tool-configuration";
const PLATFORM_CONFIG = "https://purl.imsglobal.org/spec/lti-platform-configuration";
const SCOPES = [
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
];

const ZQuery = z.object({ openid_configuration: z.string().min(1), registration_token: z.string().min(1).optional() });

const ZOpenIdConfiguration = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  registration_endpoint: z.string().url(),
  [PLATFORM_CONFIG]: z.object({ product_family_code: z.string().optional() }).passthrough().optional(),
});

const ZRegistrationResponse = z.object({
  client_id: z.string().min(1),
  [TOOL_CONFIG]: z
    .object({ deployment_id: z.string().min(1).optional() })
    .passthrough()
    .optional(),
});

function lmsFromProduct(code: string | undefined): "moodle" | "canvas" | "blackboard" | "development" | "other" {
  const c = (code ?? "").toLowerCase();
  if (c.includes("moodle")) return "moodle";
  if (c.includes("canvas")) return "canvas";
  if (c.includes("blackboard") || c.includes("learn")) return "blackboard";
  if (c.includes("mentor-pathways-dev")) return "development";
  return "other";
}

/**
 * LTI Dynamic Registration 1.0: the platform opens this page with its OpenID configuration and
 * a registration token; we register ourselves and record the deployment it gives us.
 */
export function dynamicRegistrationHandler(provider: LtijsProvider, publicUrl: string, policy: AddressPolicy) {
  return async (req: Request, res: Response) => {
    const query = ZQuery.safeParse(req.query);
    if (!query.success) {
      return sendLaunchErrorPage(
        res,
        400,
        "Registration could not start",
        "Open this page from your VLE's tool registration screen: it needs the openid_configuration address.",
      );
    }
    const urls = toolUrls(publicUrl);
    try {
      // Checked before anything is fetched: this page is open to anyone, so the addresses are not trusted.
      checkUrlForm(query.data.openid_configuration, policy, "openid_configuration address");
      const token = query.data.registration_token;
      if (!token) {
        return sendLaunchErrorPage(
          res,
          400,
          "Registration refused",
          "The registration token your VLE sends with this page is missing, so Mentor Pathways cannot register.",
          "Start the registration again from your VLE's tool registration screen.",
        );
      }
      const config = ZOpenIdConfiguration.parse(
        await fetchRegistrationJson(query.data.openid_configuration, policy, "openid_configuration address"),
      );
      // The configuration must live under the issuer it claims, or anyone could register as it.
      if (new URL(query.data.openid_configuration).origin !== new URL(config.issuer).origin) {
        return sendLaunchErrorPage(
          res,
          400,
          "Registration refused",
          "The platform's configuration is not served from the platform's own address.",
        );
      }
      // Addresses the tool will call later (keys, tokens) or send browsers to are held to the same rules.
      await checkUrl(config.jwks_uri, policy, "platform's keyset (jwks_uri)");
      await checkUrl(config.token_endpoint, policy, "platform's token endpoint");
      checkUrlForm(config.authorization_endpoint, policy, "platform's authorization endpoint");
      const body = {
        application_type: "web",
        response_types: ["id_token"],
        grant_types: ["implicit", "client_credentials"],
        initiate_login_uri: urls.login,
        redirect_uris: [urls.launch],
        client_name: "Mentor Pathways",
        jwks_uri: urls.keys,
        token_endpoint_auth_method: "private_key_jwt",
        scope: SCOPES.join(" "),
        [TOOL_CONFIG]: {
          domain: new URL(publicUrl).host,
          description:
            "Mentor development programme: modules, mentor audit, training hours, portfolio and panel review.",
          target_link_uri: urls.launch,
          custom_parameters: {},
          claims: ["iss", "sub", "name", "given_name", "family_name", "email"],
          messages: [
            { type: "LtiResourceLinkRequest", target_link_uri: urls.launch },
            { type: "LtiDeepLinkingRequest", target_link_uri: urls.launch, label: "Add Mentor Pathways" },
          ],
        },
      };
      const response = ZRegistrationResponse.parse(
        await fetchRegistrationJson(config.registration_endpoint, policy, "platform's registration endpoint", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        }),
      );
      const deploymentId = response[TOOL_CONFIG]?.deployment_id;
      const product = config[PLATFORM_CONFIG]?.product_family_code;
      await registerPlatform(
        provider,
        {
          name: `${product ?? "LMS"} at ${new URL(config.issuer).host}`,
          lms: lmsFromProduct(product),
          issuer: config.issuer,
          clientId: response.client_id,
          authLoginUrl: config.authorization_endpoint,
          accessTokenUrl: config.token_endpoint,
          jwksUrl: config.jwks_uri,
          deploymentIds: deploymentId ? [deploymentId] : ["1"],
        },
        "dynamic",
      );
      res
        .type("html")
        .send(
          `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Mentor Pathways registered</title></head><body><main>` +
            `<h1>Mentor Pathways is registered</h1><p>You can close this window and finish in your VLE.</p></main>` +
            `<script>(window.opener || window.parent).postMessage({subject:"org.imsglobal.lti.close"}, "*");</script></body></html>`,
        );
    } catch (err) {
      if (err instanceof RefusedAddressError) {
        return sendLaunchErrorPage(
          res,
          400,
          "Registration refused",
          err.message,
          "Check the registration URL in your VLE and try again.",
        );
      }
      if (!(err instanceof z.ZodError) && !(err instanceof RegistrationFetchError))
        console.error("[lti] dynamic registration failed:", err);
      const reason =
        err instanceof z.ZodError
          ? "the platform's answer was not a valid LTI registration."
          : err instanceof RegistrationFetchError
            ? err.message
            : "something went wrong on our side.";
      sendLaunchErrorPage(
        res,
        502,
        "Registration failed",
        `Mentor Pathways could not register with your VLE: ${reason}`,
        "Check the registration URL in your VLE and try again.",
      );
    }
  };
}
