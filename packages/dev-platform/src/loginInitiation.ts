import type { ToolClient } from "./clients.js";
import { defaultResourceLinkId } from "./directory.js";
import { PlatformError } from "./errors.js";
import type { LaunchIntent, PlatformState } from "./state.js";
import type { LoginInitiationParams } from "./types.js";

/**
 * Starts an OIDC third-party-initiated login: records what is being launched behind an opaque
 * lti_message_hint and returns the client and the form fields to POST to its login URL.
 * Throws a 400 PlatformError (HTML) for an unknown client, user, course or enrolment.
 */
export function startLogin(
  state: PlatformState,
  p: LoginInitiationParams,
): { client: ToolClient; fields: Record<string, string> } {
  const client = p.clientId === undefined ? state.clients.primary : state.clients.get(p.clientId);
  if (!client)
    throw new PlatformError(400, "unknown_client", `No tool is registered with client id "${p.clientId}"`, "html");
  const user = state.directory.user(p.userId);
  if (!user) throw new PlatformError(400, "unknown_user", `There is no user "${p.userId}" on this platform`, "html");
  const course = state.directory.course(p.courseId);
  if (!course)
    throw new PlatformError(400, "unknown_course", `There is no course "${p.courseId}" on this platform`, "html");
  if (!state.directory.roles(course.id, user.id)) {
    throw new PlatformError(400, "not_enrolled", `${user.name} is not enrolled on ${course.title}`, "html");
  }

  const messageType = p.messageType ?? "LtiResourceLinkRequest";
  const isDeepLinking = messageType === "LtiDeepLinkingRequest";
  const resourceLinkId = isDeepLinking ? undefined : (p.resourceLinkId ?? defaultResourceLinkId(course.id));
  const link = resourceLinkId ? state.directory.resourceLink(course.id, resourceLinkId) : undefined;
  const targetLinkUri =
    p.targetLinkUri ?? link?.url ?? (isDeepLinking ? (client.deepLinkUrl ?? client.launchUrl) : client.launchUrl);

  const intent: LaunchIntent = {
    clientId: client.clientId,
    userId: user.id,
    courseId: course.id,
    resourceLinkId,
    messageType,
    targetLinkUri,
    custom: p.custom,
  };
  return {
    client,
    fields: {
      iss: state.urls.issuer,
      login_hint: user.id,
      target_link_uri: targetLinkUri,
      lti_message_hint: state.messageHints.put(intent),
      client_id: client.clientId,
      lti_deployment_id: client.deploymentId,
    },
  };
}
