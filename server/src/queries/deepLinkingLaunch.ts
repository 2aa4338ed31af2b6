import { notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Launch } from "../models/launch";
import { courseScope } from "../policies/scope";

/** The actor's own deep-linking launch (the one their session came from), or 404 when their session is not one. */
export async function deepLinkingLaunch(actor: Actor) {
  const launch = await Launch.findOne({ _id: actor.launchId, ...courseScope(actor), userId: actor.userId }).lean();
  if (!launch || launch.messageType !== "LtiDeepLinkingRequest" || !launch.deepLinking?.returnUrl)
    throw notFound("That deep-linking request");
  return launch;
}
