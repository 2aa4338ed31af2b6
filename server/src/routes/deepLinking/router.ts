import type { Router } from "express";
import type { AppDeps } from "../../appDeps";
import { deepLinkingEndpoints } from "../../contracts/deepLinking";
import { invalidField } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import type { DeepLinkContentItem } from "../../lti/port";
import { toolUrls } from "../../lti/toolUrls";
import { authorize } from "../../policies";
import { programmeInForce } from "../../queries/programmeInForce";
import { LINE_ITEM_TAG } from "../../gradebook/lineItemSpecs";
import { placeableItems } from "../../gradebook/placeableItems";
import type { Actor } from "../../lti/sessionToken";
import { deepLinkingLaunch } from "../../queries/deepLinkingLaunch";

/** Placing content is for staff in a deep-linking launch (403), from their own launch request (404). */
async function placingLaunch(actor: Actor) {
  authorize(actor, "placeContent", "Gradebook");
  return deepLinkingLaunch(actor);
}

/** /api/deep-linking — what a tutor adding the tool to a course can place, and the signed answer. */
export function deepLinkingRouter(deps: AppDeps): Router {
  const { router, implement } = endpointRouter("/api/deep-linking");

  implement(deepLinkingEndpoints.options, {
    policy: placingLaunch,
    handler: async ({ actor, allowed: launch }) => {
      const { definition } = await programmeInForce(actor.tenantId, actor.contextId);
      return { items: placeableItems(definition), acceptMultiple: launch.deepLinking?.acceptMultiple ?? false };
    },
  });

  implement(deepLinkingEndpoints.respond, {
    policy: placingLaunch,
    handler: async ({ actor, allowed: launch, input: { body } }) => {
      const settings = launch.deepLinking!;
      if (body.targets.length > 1 && !settings.acceptMultiple) {
        throw invalidField("body.targets", "your VLE accepts one item at a time");
      }
      const { definition } = await programmeInForce(actor.tenantId, actor.contextId);
      const byTarget = new Map(placeableItems(definition).map((i) => [i.target, i]));
      const contentItems: DeepLinkContentItem[] = body.targets.map((target, index) => {
        const item = byTarget.get(target);
        if (!item) {
          throw invalidField(`body.targets.${index}`, "is not something that can be placed");
        }
        return {
          type: "ltiResourceLink",
          title: item.title,
          text: item.description,
          url: toolUrls(deps.config.publicUrl).launch,
          custom: { target: item.target },
          ...(item.gradebook
            ? {
                lineItem: {
                  label: item.title,
                  scoreMaximum: item.gradebook.scoreMaximum,
                  resourceId: item.gradebook.resourceId,
                  tag: LINE_ITEM_TAG,
                },
              }
            : {}),
        };
      });
      const jwt = await deps.lti.services(actor).deepLinking.respond({
        deploymentId: actor.deploymentId,
        data: settings.data ?? null,
        contentItems,
        message: `Mentor Pathways placed ${contentItems.length} item(s).`,
      });
      return { form: { action: settings.returnUrl!, fields: { JWT: jwt } } };
    },
  });

  return router;
}
