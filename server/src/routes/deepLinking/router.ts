import { Router } from "express";
import type { AppDeps } from "../../appDeps";
import { ZDeepLinkingResponseBody, type TDeepLinkingOptionsResponse, type TDeepLinkingResponse } from "../../contracts/deepLinking";
import { invalidInput, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { platformService } from "../../lti/accessToken";
import { signDeepLinkingResponse, type DeepLinkContentItem } from "../../lti/deepLinking";
import { toolUrls } from "../../lti/toolUrls";
import { Launch } from "../../models/launch";
import { authorize } from "../../policies/gradebook";
import { courseScope } from "../../policies/scope";
import { programmeForCourse } from "../../queries/programmeForCourse";
import { LINE_ITEM_TAG } from "../../gradebook/lineItemSpecs";
import { placeableItems } from "../../gradebook/placeableItems";
import type { Actor } from "../../lti/sessionToken";

async function deepLinkingLaunch(actor: Actor) {
  const launch = await Launch.findOne({ _id: actor.launchId, ...courseScope(actor), userId: actor.userId }).lean();
  if (!launch || launch.messageType !== "LtiDeepLinkingRequest" || !launch.deepLinking?.returnUrl) throw notFound("That deep-linking request");
  return launch;
}

/** /api/deep-linking — what a tutor adding the tool to a course can place, and the signed answer. */
export function deepLinkingRouter(deps: AppDeps): Router {
  const router = Router();

  router.get(
    "/options",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "placeContent");
      const launch = await deepLinkingLaunch(actor);
      const { definition } = await programmeForCourse(actor.tenantId, actor.contextId);
      const body: TDeepLinkingOptionsResponse = { items: placeableItems(definition), acceptMultiple: launch.deepLinking?.acceptMultiple ?? false };
      res.json(body);
    }),
  );

  router.post(
    "/response",
    validate({ body: ZDeepLinkingResponseBody }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorize(actor, "placeContent");
      const { body } = inputOf(req, { body: ZDeepLinkingResponseBody });
      const launch = await deepLinkingLaunch(actor);
      const settings = launch.deepLinking!;
      if (body.targets.length > 1 && !settings.acceptMultiple) {
        throw invalidInput("Please check: body.targets: your VLE accepts one item at a time", { fields: [{ field: "body.targets", message: "your VLE accepts one item at a time" }] });
      }
      const { definition } = await programmeForCourse(actor.tenantId, actor.contextId);
      const byTarget = new Map(placeableItems(definition).map((i) => [i.target, i]));
      const contentItems: DeepLinkContentItem[] = body.targets.map((target, index) => {
        const item = byTarget.get(target);
        if (!item) {
          const field = `body.targets.${index}`;
          throw invalidInput(`Please check: ${field}: "${target}" is not something that can be placed`, { fields: [{ field, message: "is not something that can be placed" }] });
        }
        return {
          type: "ltiResourceLink",
          title: item.title,
          text: item.description,
          url: toolUrls(deps.config.publicUrl).launch,
          custom: { target: item.target },
          ...(item.gradebook
            ? { lineItem: { label: item.title, scoreMaximum: item.gradebook.scoreMaximum, resourceId: item.gradebook.resourceId, tag: LINE_ITEM_TAG } }
            : {}),
        };
      });
      const jwt = await signDeepLinkingResponse(platformService(deps.lti.provider, actor.issuer, actor.clientId), {
        deploymentId: actor.deploymentId,
        data: settings.data ?? null,
        contentItems,
        message: `Mentor Pathways placed ${contentItems.length} item(s).`,
      });
      const response: TDeepLinkingResponse = { form: { action: settings.returnUrl!, fields: { JWT: jwt } } };
      res.json(response);
    }),
  );

  return router;
}
