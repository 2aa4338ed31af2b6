import type { TSessionResponse } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import { sessionAbilities } from "../policies/session";

/** The client's view of the signed-in person. */
export function presentSession(actor: Actor, platformName: string): TSessionResponse {
  return {
    user: { id: actor.userId, name: actor.name, email: actor.email },
    primaryRole: actor.roles[0],
    roles: actor.roles,
    context: { id: actor.contextId, title: actor.contextTitle, label: actor.contextLabel },
    platform: { name: platformName, isDevelopment: actor.isDevelopment },
    messageType: actor.messageType,
    target: actor.target,
    abilities: sessionAbilities(actor),
  };
}
