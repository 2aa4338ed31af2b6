import type { Config } from "../config";
import { platformService } from "./accessToken";
import { createLineItem, deleteLineItem, listLineItems, listResults, postScore } from "./ags";
import { signDeepLinkingResponse } from "./deepLinking";
import { createLtiDoor } from "./door";
import { fetchMemberships } from "./nrps";
import type { LaunchHandler, LtiPort, PlatformServices } from "./port";
import { registerPlatform } from "./registrations";

/**
 * The LTI port as the tool runs it: ltijs validates logins and launches behind our guards (door.ts),
 * and keeps each registration's tool key; the services are our own HTTP (ags.ts, nrps.ts) signed
 * with that key. The ltijs provider is held here and never handed out.
 */
export async function createLtiPort(
  config: Config,
  databaseUri: string,
  handlers: { onLaunch: LaunchHandler },
): Promise<LtiPort> {
  const door = await createLtiDoor(config, databaseUri, handlers.onLaunch);
  const provider = door.provider;
  return {
    router: door.router,
    registerPlatform: (registration, source) => registerPlatform(provider, registration, source),
    services: (platform, options = {}): PlatformServices => {
      const svc = platformService(provider, platform.issuer, platform.clientId, options.timeoutMs);
      return {
        issuer: svc.issuer,
        clientId: svc.clientId,
        lineItems: {
          list: (url, filter) => listLineItems(svc, url, filter),
          create: (url, input) => createLineItem(svc, url, input),
          delete: (url) => deleteLineItem(svc, url),
        },
        scores: {
          post: (lineItemUrl, score) => postScore(svc, lineItemUrl, score),
          results: (lineItemUrl) => listResults(svc, lineItemUrl),
        },
        members: { list: (url) => fetchMemberships(svc, url) },
        deepLinking: { respond: (input) => signDeepLinkingResponse(svc, input) },
      };
    },
  };
}
