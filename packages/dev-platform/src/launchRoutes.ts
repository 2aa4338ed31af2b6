import { Router, type Request, type Response } from "express";
import { isAllowedRedirect } from "./clients.js";
import { asyncRoute, PlatformError } from "./errors.js";
import { autoSubmitPage, escapeHtml, renderPage, sendPage } from "./html.js";
import { buildLaunchClaims } from "./idToken.js";
import { startLogin } from "./loginInitiation.js";
import type { PlatformState } from "./state.js";
import type { MessageType } from "./types.js";

/** Reads a single string parameter from the form body or the query string. */
export function param(req: Request, name: string): string | undefined {
  const fromBody = req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>)[name] : undefined;
  const value = fromBody ?? req.query[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

const refuse = (code: string, message: string) => new PlatformError(400, code, message, "html");

/** The browser side of a launch: the launch buttons' target and the OIDC authorization endpoint. */
export function launchRoutes(state: PlatformState): Router {
  const router = Router();

  const launch = (req: Request, res: Response) => {
    const messageType = param(req, "messageType") ?? "LtiResourceLinkRequest";
    if (messageType !== "LtiResourceLinkRequest" && messageType !== "LtiDeepLinkingRequest") {
      throw refuse("invalid_request", `Unknown messageType "${messageType}"`);
    }
    const userId = param(req, "user");
    const courseId = param(req, "course");
    if (!userId || !courseId) throw refuse("invalid_request", "Both user and course are required to launch");
    const request = {
      userId,
      courseId,
      resourceLinkId: param(req, "resourceLink"),
      messageType: messageType as MessageType,
      clientId: param(req, "client"),
    };

    if (param(req, "display") === "iframe") {
      // Validate now so a mistake shows here rather than inside the frame.
      startLogin(state, request);
      const course = state.directory.course(courseId)!;
      const query = new URLSearchParams(
        Object.entries({
          user: userId,
          course: courseId,
          resourceLink: request.resourceLinkId,
          messageType,
          client: request.clientId,
        }).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      sendPage(
        res,
        renderPage({
          title: course.title,
          main: `<p><a href="./">Back to the development platform</a></p>
<h1>${escapeHtml(course.title)}</h1>
<iframe title="Mentor Pathways" src="launch?${escapeHtml(query.toString())}" allow="clipboard-write"></iframe>`,
        }),
      );
      return;
    }

    const { client, fields } = startLogin(state, request);
    sendPage(
      res,
      autoSubmitPage({
        title: "Opening Mentor Pathways",
        action: client.loginUrl,
        fields,
        explanation: "Sending you to the tool to sign in (OIDC login initiation).",
      }),
    );
  };
  router.get("/launch", launch);
  router.post("/launch", launch);

  const authorize = asyncRoute(async (req, res) => {
    const scope = param(req, "scope")?.split(/\s+/) ?? [];
    if (!scope.includes("openid")) throw refuse("invalid_scope", 'scope must include "openid"');
    if (param(req, "response_type") !== "id_token") {
      throw refuse("unsupported_response_type", 'response_type must be "id_token"');
    }
    if (param(req, "response_mode") !== "form_post")
      throw refuse("invalid_request", 'response_mode must be "form_post"');
    if (param(req, "prompt") !== "none") throw refuse("invalid_request", 'prompt must be "none"');

    const clientId = param(req, "client_id");
    const client = state.clients.get(clientId);
    if (!client) throw refuse("unauthorized_client", `No tool is registered with client_id "${clientId ?? ""}"`);
    const redirectUri = param(req, "redirect_uri");
    if (!redirectUri || !isAllowedRedirect(client, redirectUri)) {
      throw refuse("invalid_request", `redirect_uri "${redirectUri ?? ""}" is not registered for this tool`);
    }
    const nonce = param(req, "nonce");
    if (!nonce) throw refuse("invalid_request", "nonce is required");

    const loginHint = param(req, "login_hint");
    if (!loginHint || !state.directory.user(loginHint))
      throw refuse("login_required", "login_hint does not name a known user");
    const intent = state.messageHints.get(param(req, "lti_message_hint"));
    if (!intent)
      throw refuse("invalid_request", "lti_message_hint is missing, unknown or expired; start the launch again");
    if (intent.clientId !== client.clientId)
      throw refuse("invalid_request", "lti_message_hint was issued to a different tool");
    if (intent.userId !== loginHint)
      throw refuse("invalid_request", "login_hint does not match the user who started the launch");
    const deploymentId = param(req, "lti_deployment_id");
    if (deploymentId !== undefined && deploymentId !== client.deploymentId) {
      throw refuse("invalid_request", `lti_deployment_id "${deploymentId}" is not this tool's deployment`);
    }

    const claims = buildLaunchClaims(state, {
      client,
      userId: intent.userId,
      courseId: intent.courseId,
      resourceLinkId: intent.resourceLinkId,
      messageType: intent.messageType,
      targetLinkUri: intent.targetLinkUri,
      custom: intent.custom,
      nonce,
    });
    const idToken = await state.keys.sign(claims);
    const stateParam = param(req, "state");
    sendPage(
      res,
      autoSubmitPage({
        title: "Launching Mentor Pathways",
        action: redirectUri,
        fields: { id_token: idToken, ...(stateParam !== undefined ? { state: stateParam } : {}) },
        explanation: "Returning you to the tool with your launch details.",
      }),
    );
  });
  router.get("/auth", authorize);
  router.post("/auth", authorize);

  return router;
}
