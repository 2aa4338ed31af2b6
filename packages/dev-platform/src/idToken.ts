import { createHash } from "node:crypto";
import type { ToolClient } from "./clients.js";
import { defaultResourceLinkId } from "./directory.js";
import { PlatformError } from "./errors.js";
import type { PlatformState } from "./state.js";
import type { MessageType, QuirkMode } from "./types.js";
import { AGS_SCOPES, CLAIM, COURSE_OFFERING, SCOPE } from "./vocabulary.js";

export const ID_TOKEN_LIFETIME_SECONDS = 300;

export interface LaunchClaimsInput {
  client: ToolClient;
  userId: string;
  courseId: string;
  resourceLinkId?: string;
  messageType: MessageType;
  nonce: string;
  targetLinkUri?: string;
  custom?: Record<string, string>;
  issuedAt?: number;
  expiresInSeconds?: number;
}

const PRODUCT_FAMILY: Record<QuirkMode, string> = {
  standard: "mentor-pathways-dev-platform",
  moodle: "moodle",
  canvas: "canvas",
  blackboard: "BlackboardLearn",
  d2l: "desire2learn",
};

/** The product family code the platform reports, which tells the tool which LMS it imitates. */
export function productFamilyCode(quirks: QuirkMode): string {
  return PRODUCT_FAMILY[quirks];
}

/**
 * Builds the payload of an LTI 1.3 launch id_token (resource link or deep-linking request).
 * Throws a 400 PlatformError (HTML) when the user, course or enrolment does not exist.
 */
export function buildLaunchClaims(state: PlatformState, p: LaunchClaimsInput): Record<string, unknown> {
  const { directory, urls, gradebook } = state;
  const user = directory.user(p.userId);
  if (!user) throw new PlatformError(400, "unknown_user", `There is no user "${p.userId}" on this platform`, "html");
  const course = directory.course(p.courseId);
  if (!course)
    throw new PlatformError(400, "unknown_course", `There is no course "${p.courseId}" on this platform`, "html");
  const roles = directory.roles(p.courseId, p.userId);
  if (!roles) throw new PlatformError(400, "not_enrolled", `${user.name} is not enrolled on ${course.title}`, "html");

  const iat = p.issuedAt ?? Math.floor(Date.now() / 1000);
  const isDeepLinking = p.messageType === "LtiDeepLinkingRequest";
  const link = isDeepLinking
    ? undefined
    : directory.ensureResourceLink(p.courseId, p.resourceLinkId ?? defaultResourceLinkId(p.courseId));
  const targetLinkUri =
    p.targetLinkUri ?? link?.url ?? (isDeepLinking ? (p.client.deepLinkUrl ?? p.client.launchUrl) : p.client.launchUrl);

  const claims: Record<string, unknown> = {
    iss: urls.issuer,
    aud: p.client.clientId,
    azp: p.client.clientId,
    sub: user.id,
    iat,
    exp: iat + (p.expiresInSeconds ?? ID_TOKEN_LIFETIME_SECONDS),
    nonce: p.nonce,
    name: user.name,
    ...(user.givenName ? { given_name: user.givenName } : {}),
    ...(user.familyName ? { family_name: user.familyName } : {}),
    ...(user.email ? { email: user.email } : {}),
    ...(user.sourcedId
      ? { [CLAIM.lis]: { person_sourcedid: user.sourcedId, course_offering_sourcedid: course.id } }
      : {}),
    [CLAIM.messageType]: p.messageType,
    [CLAIM.version]: "1.3.0",
    [CLAIM.deploymentId]: p.client.deploymentId,
    [CLAIM.targetLinkUri]: targetLinkUri,
    [CLAIM.roles]: roles,
    ...(directory.roleScopeMentor(p.courseId, p.userId)
      ? { [CLAIM.roleScopeMentor]: directory.roleScopeMentor(p.courseId, p.userId) }
      : {}),
    [CLAIM.context]: {
      id: course.id,
      ...(course.label ? { label: course.label } : {}),
      title: course.title,
      type: [COURSE_OFFERING],
    },
    [CLAIM.toolPlatform]: {
      guid: createHash("sha256").update(urls.issuer).digest("hex").slice(0, 32),
      name: "Mentor Pathways development platform",
      product_family_code: productFamilyCode(state.quirks),
      version: "1.0",
    },
    [CLAIM.launchPresentation]: { document_target: "iframe", return_url: urls.home, locale: "en-GB" },
    // School travels as a custom parameter, the way an LMS substitution variable would carry it.
    [CLAIM.custom]: { ...(user.school ? { school: user.school } : {}), ...link?.custom, ...p.custom },
  };

  if (link) claims[CLAIM.resourceLink] = { id: link.id, title: link.title };

  const agsScopes = AGS_SCOPES.filter((scope) => p.client.scopes.includes(scope));
  if (agsScopes.length > 0) {
    const lineItem = link ? gradebook.lineItemForLink(course.id, link.id) : undefined;
    claims[CLAIM.ags] = {
      scope: agsScopes,
      lineitems: urls.lineItems(course.id),
      ...(lineItem ? { lineitem: lineItem.id } : {}),
    };
  }
  if (p.client.scopes.includes(SCOPE.membershipReadonly)) {
    claims[CLAIM.nrps] = { context_memberships_url: urls.memberships(course.id), service_versions: ["2.0"] };
  }
  if (isDeepLinking) {
    claims[CLAIM.deepLinkingSettings] = {
      deep_link_return_url: urls.deepLinkReturn,
      accept_types: ["ltiResourceLink"],
      accept_presentation_document_targets: ["iframe", "window"],
      accept_multiple: true,
      auto_create: true,
      title: "Mentor Pathways",
      data: state.deepLinkSessions.put({ clientId: p.client.clientId, courseId: course.id, userId: user.id }),
    };
  }
  return claims;
}
