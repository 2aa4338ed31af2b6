import { randomBytes } from "node:crypto";
import { Router } from "express";
import { decodeJwt } from "jose";
import { z } from "zod";
import { describeIssues } from "./agsSchemas.js";
import { DEFAULT_LINK_TITLE } from "./directory.js";
import { asyncRoute, PlatformError } from "./errors.js";
import { escapeHtml, renderPage, sendPage } from "./html.js";
import { param } from "./launchRoutes.js";
import type { PlatformState } from "./state.js";
import { ToolJwtError } from "./toolKeys.js";
import type { ContentItem } from "./types.js";
import { CLAIM } from "./vocabulary.js";

const ZContentItem = z
  .object({
    type: z.string().min(1),
    title: z.string().optional(),
    text: z.string().optional(),
    url: z.string().url().optional(),
    custom: z.record(z.string(), z.string()).optional(),
    lineItem: z
      .object({
        label: z.string().optional(),
        scoreMaximum: z.number().positive(),
        resourceId: z.string().optional(),
        tag: z.string().optional(),
        gradesReleased: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const refuse = (message: string) => new PlatformError(400, "invalid_deep_linking_response", message, "html");

/**
 * Receives the tool's Deep Linking 2.0 response, checks it as a real platform would, and places
 * each ltiResourceLink in the course, creating its gradebook column when it asks for one
 * (as Moodle and Blackboard do).
 */
export function deepLinkRoutes(state: PlatformState): Router {
  const router = Router();

  router.post(
    "/deep-link-return",
    asyncRoute(async (req, res) => {
      const token = param(req, "JWT");
      if (!token) throw refuse('The form field "JWT" is missing');
      let claimedClient: string | undefined;
      try {
        claimedClient = decodeJwt(token).iss;
      } catch {
        throw refuse('The "JWT" field is not a JWT');
      }
      const client = state.clients.get(claimedClient);
      if (!client) throw refuse(`No tool is registered with client id "${claimedClient ?? ""}" (the iss claim)`);

      let claims: Record<string, unknown>;
      try {
        claims = await state.toolKeys.verify(token, client.jwksUrl, {
          issuer: client.clientId,
          audience: state.urls.issuer,
          requiredClaims: ["exp", "iat", "nonce"],
        });
      } catch (err) {
        throw refuse(
          `The deep-linking response was refused: ${err instanceof ToolJwtError ? err.message : String(err)}`,
        );
      }
      if (claims[CLAIM.messageType] !== "LtiDeepLinkingResponse")
        throw refuse('message_type must be "LtiDeepLinkingResponse"');
      if (claims[CLAIM.version] !== "1.3.0") throw refuse('version must be "1.3.0"');
      if (claims[CLAIM.deploymentId] !== client.deploymentId)
        throw refuse("deployment_id does not match this tool's deployment");
      if (!state.replays.accept(`dl:${client.clientId}:${String(claims.nonce)}`, Number(claims.exp) * 1000)) {
        throw refuse("This deep-linking response has already been received (nonce reused)");
      }
      const session = state.deepLinkSessions.get(claims[CLAIM.deepLinkData] as string | undefined);
      if (!session || session.clientId !== client.clientId) {
        throw refuse("The data claim is missing or unknown: the response must echo the data sent in the request");
      }

      const parsed = z.array(ZContentItem).optional().safeParse(claims[CLAIM.contentItems]);
      if (!parsed.success) throw refuse(`Invalid content_items: ${describeIssues(parsed.error)}`);
      const items = (parsed.data ?? []) as ContentItem[];
      const placed = items.map((item) => place(state, session.courseId, item));

      const course = state.directory.course(session.courseId)!;
      const toolMessage = claims[CLAIM.deepLinkMsg] ?? claims[CLAIM.deepLinkErrorMsg];
      sendPage(
        res,
        renderPage({
          title: "Content placed",
          main: `<h1>Deep linking finished</h1>
${typeof toolMessage === "string" ? `<p>Message from the tool: ${escapeHtml(toolMessage)}</p>` : ""}
<p>${placed.length} item(s) placed in <strong>${escapeHtml(course.title)}</strong>.</p>
<ul>${placed.map((title) => `<li>${escapeHtml(title)}</li>`).join("")}</ul>
<p><a href="./">Back to the development platform</a></p>`,
        }),
      );
    }),
  );

  return router;
}

function place(state: PlatformState, courseId: string, item: ContentItem): string {
  state.received.push(item);
  const title = item.title ?? DEFAULT_LINK_TITLE;
  if (item.type !== "ltiResourceLink") return `${title} (${item.type}, not placed: only ltiResourceLink is accepted)`;
  const link = state.directory.addResourceLink({
    id: `rl-${randomBytes(6).toString("hex")}`,
    courseId,
    title,
    url: item.url,
    custom: item.custom,
  });
  let lineItemId: string | undefined;
  if (item.lineItem) {
    lineItemId = state.gradebook.create(courseId, {
      label: item.lineItem.label ?? title,
      scoreMaximum: item.lineItem.scoreMaximum,
      resourceId: item.lineItem.resourceId,
      tag: item.lineItem.tag,
      gradesReleased: item.lineItem.gradesReleased,
      resourceLinkId: link.id,
    }).id;
  }
  state.placements.push({ courseId, resourceLinkId: link.id, item, lineItemId });
  return describePlacement(title, lineItemId);
}

function describePlacement(title: string, lineItemId: string | undefined): string {
  return lineItemId ? `${title} (with a gradebook column)` : title;
}
