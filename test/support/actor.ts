import type { TRole } from "../../server/src/contracts/session";
import type { Actor } from "../../server/src/lti/sessionToken";

/**
 * An actor as a launch makes one, for unit tests of the policies: `userId` holding `roles` in
 * course c1 of platform t1, unless `where` says otherwise.
 */
export function buildActor(userId: string, roles: TRole[], where: Partial<Actor> = {}): Actor {
  return {
    tenantId: "t1",
    issuer: "https://lms.example",
    clientId: "c",
    deploymentId: "d",
    userId,
    name: userId,
    email: null,
    contextId: "c1",
    contextTitle: "Course",
    contextLabel: null,
    resourceLinkId: null,
    roles,
    launchId: "l",
    messageType: "LtiResourceLinkRequest",
    target: null,
    isDevelopment: true,
    ...where,
  };
}
