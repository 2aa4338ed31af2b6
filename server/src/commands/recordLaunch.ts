import type { LaunchContext } from "../lti/launchContext";
import type { TRole } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import type { RegistrationDoc } from "../models/registration";
import { Course } from "../models/course";
import { Member } from "../models/member";
import { Launch } from "../models/launch";
import { upsertOne } from "../db/upsert";

/**
 * Records a validated launch: the course and its service endpoints, the person's membership,
 * and the launch itself. Returns the Actor the session token will carry.
 */
export async function recordLaunch(props: {
  launch: LaunchContext;
  registration: RegistrationDoc;
  roles: TRole[];
  isDevelopment: boolean;
}): Promise<Actor> {
  const { launch, registration, roles } = props;
  const tenantId = registration._id.toString();
  const now = new Date();
  const contextTitle = launch.context.title ?? launch.context.label ?? "Untitled course";
  const name = launch.user.name ?? launch.user.email ?? "Unnamed user";
  const school = typeof launch.custom.school === "string" ? launch.custom.school : undefined;

  const courseUpdate: Record<string, unknown> = { title: contextTitle, label: launch.context.label, deploymentId: launch.deploymentId };
  // Only a launch that carries service claims updates them: a learner's launch may omit AGS.
  if (launch.ags?.lineItemsUrl) Object.assign(courseUpdate, { agsLineItemsUrl: launch.ags.lineItemsUrl, agsScopes: launch.ags.scopes });
  if (launch.nrps) courseUpdate.nrpsUrl = launch.nrps.membershipsUrl;

  await upsertOne(Course, { tenantId, contextId: launch.context.id }, { $set: courseUpdate });
  await upsertOne(
    Member,
    { tenantId, contextId: launch.context.id, userId: launch.userId },
    { $set: { name, email: launch.user.email, roles, ltiRoles: launch.ltiRoles, status: "Active", lastLaunchAt: now, ...(school ? { school } : {}) } },
  );
  const record = await Launch.create({
    tenantId,
    contextId: launch.context.id,
    userId: launch.userId,
    deploymentId: launch.deploymentId,
    messageType: launch.messageType,
    resourceLinkId: launch.resourceLink?.id ?? null,
    deepLinking: launch.deepLinking ?? undefined,
    custom: launch.custom,
  });

  const target = typeof launch.custom.target === "string" ? launch.custom.target : null;
  return {
    tenantId,
    issuer: launch.issuer,
    clientId: launch.clientId,
    deploymentId: launch.deploymentId,
    userId: launch.userId,
    name,
    email: launch.user.email,
    contextId: launch.context.id,
    contextTitle,
    contextLabel: launch.context.label,
    resourceLinkId: launch.resourceLink?.id ?? null,
    roles,
    launchId: record._id.toString(),
    messageType: launch.messageType,
    target,
    isDevelopment: props.isDevelopment,
  };
}
