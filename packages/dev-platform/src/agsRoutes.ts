import { Router, type Request, type RequestHandler } from "express";
import { CANVAS_SUBMISSION, describeIssues, ZLineItemWrite, ZScorePost } from "./agsSchemas.js";
import { badRequest, notFound, PlatformError } from "./errors.js";
import { paginate } from "./paging.js";
import type { PlatformState } from "./state.js";
import type { LineItem, Score } from "./types.js";
import { MEDIA, ROLE, SCOPE } from "./vocabulary.js";

const READ_LINE_ITEMS = [SCOPE.lineItem, SCOPE.lineItemReadonly];

/** AGS 2.0: line item, score and result services under /api/courses/:courseId/lineitems. */
export function agsRoutes(state: PlatformState): Router {
  const router = Router();
  const { gradebook, directory, faults, accessTokens, urls } = state;
  const base = "/api/courses/:courseId/lineitems";

  const courseExists: RequestHandler = (req, _res, next) =>
    next(directory.course(req.params.courseId) ? undefined : notFound(`No course "${req.params.courseId}"`));

  const lineItemOr404 = (req: Request): LineItem => {
    const item = gradebook.get(req.params.courseId, req.params.lineItemId);
    if (!item) throw notFound(`No line item "${req.params.lineItemId}" in course "${req.params.courseId}"`);
    return item;
  };

  router.get(base, faults.guard("lineitems"), accessTokens.require(READ_LINE_ITEMS), courseExists, (req, res) => {
    const filter = {
      resourceLinkId: queryString(req, "resource_link_id"),
      resourceId: queryString(req, "resource_id"),
      tag: queryString(req, "tag"),
    };
    const all = gradebook.list(req.params.courseId, filter);
    const { page, link } = paginate(all, req, urls.lineItems(req.params.courseId), state.pageSize);
    if (link) res.set("Link", link);
    res.type(MEDIA.lineItemContainer).json(page);
  });

  router.post(
    base,
    faults.guard("lineitems"),
    accessTokens.require([SCOPE.lineItem]),
    courseExists,
    requireJson(MEDIA.lineItem),
    (req, res) => {
      const input = parseLineItem(state, req);
      const item = gradebook.create(req.params.courseId, input);
      res.status(201).location(item.id).type(MEDIA.lineItem).json(item);
    },
  );

  router.get(`${base}/:lineItemId`, faults.guard("lineitems"), accessTokens.require(READ_LINE_ITEMS), (req, res) => {
    res.type(MEDIA.lineItem).json(lineItemOr404(req));
  });

  router.put(
    `${base}/:lineItemId`,
    faults.guard("lineitems"),
    accessTokens.require([SCOPE.lineItem]),
    requireJson(MEDIA.lineItem),
    (req, res) => {
      lineItemOr404(req);
      const updated = gradebook.update(req.params.courseId, req.params.lineItemId, parseLineItem(state, req));
      res.type(MEDIA.lineItem).json(updated);
    },
  );

  router.delete(
    `${base}/:lineItemId`,
    faults.guard("lineitems"),
    accessTokens.require([SCOPE.lineItem]),
    (req, res) => {
      lineItemOr404(req);
      gradebook.remove(req.params.courseId, req.params.lineItemId);
      res.status(204).end();
    },
  );

  router.post(
    `${base}/:lineItemId/scores`,
    faults.guard("scores"),
    accessTokens.require([SCOPE.score]),
    requireJson(MEDIA.score),
    (req, res) => {
      lineItemOr404(req);
      const parsed = ZScorePost.safeParse(req.body);
      if (!parsed.success) throw badRequest("invalid_request", `Invalid score: ${describeIssues(parsed.error)}`);
      const roles = directory.roles(req.params.courseId, parsed.data.userId);
      const isGradable = !!roles?.includes(ROLE.learner);
      if (state.quirks === "moodle" && !isGradable) {
        // Moodle's score service checks is_user_gradable_in_course and puts its reason in the
        // status line, with an empty body (mod/lti/service/gradebookservices, scores.php).
        res.statusMessage = "Incorrect score received";
        res.status(400).type(MEDIA.score).send("[]");
        return;
      }
      if (state.quirks === "d2l" && !isGradable) {
        throw badRequest(
          "invalid_request",
          `User "${parsed.data.userId}" is not enrolled in a role that can be graded in Grades`,
        );
      }
      if (!roles) {
        throw badRequest(
          "invalid_request",
          `User "${parsed.data.userId}" is not a member of course "${req.params.courseId}"`,
        );
      }
      const { [CANVAS_SUBMISSION]: canvasSubmission, ...score } = parsed.data;
      const accepted = {
        ...score,
        ...(state.quirks === "canvas" && canvasSubmission ? { canvasSubmission: dropUndefined(canvasSubmission) } : {}),
      };
      gradebook.postScore(req.params.courseId, req.params.lineItemId, dropUndefined(accepted) as Score);
      res.status(204).end();
    },
  );

  router.get(
    `${base}/:lineItemId/results`,
    faults.guard("results"),
    accessTokens.require([SCOPE.resultReadonly]),
    (req, res) => {
      const item = lineItemOr404(req);
      const results = gradebook.results(req.params.courseId, req.params.lineItemId, queryString(req, "user_id"));
      const { page, link } = paginate(results, req, `${item.id}/results`, state.pageSize);
      if (link) res.set("Link", link);
      res.type(MEDIA.resultContainer).json(page);
    },
  );

  return router;
}

function parseLineItem(state: PlatformState, req: Request) {
  const parsed = ZLineItemWrite.safeParse(req.body);
  if (!parsed.success) throw badRequest("invalid_request", `Invalid line item: ${describeIssues(parsed.error)}`);
  const { resourceLinkId } = parsed.data;
  if (resourceLinkId !== undefined && !state.directory.resourceLink(req.params.courseId, resourceLinkId)) {
    throw badRequest("invalid_request", `resourceLinkId "${resourceLinkId}" is not a resource link in this course`);
  }
  return parsed.data;
}

/** Accepts the AGS media type or plain JSON, as real platforms do; anything else is a 415. */
function requireJson(mediaType: string): RequestHandler {
  return (req, _res, next) => {
    if (req.is([mediaType, "application/json"])) return next();
    next(new PlatformError(415, "unsupported_media_type", `Send the body as ${mediaType}`));
  };
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
