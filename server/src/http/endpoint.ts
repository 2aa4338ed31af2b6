import { Router, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { ZodTypeAny } from "zod";
import type { Endpoint, EndpointParsedInput, EndpointResultIn } from "../contracts/endpoint";
import { AppError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { actorOf } from "./authenticate";
import { markChangedAfterWrite, statusOfError } from "./markCourseChanges";
import { answerJson } from "./rememberReads";
import { validate } from "./validate";

/** What a handler is given: the actor, the input as its schemas parsed it, and what the policy established. */
export interface EndpointContext<E extends Endpoint, A> {
  actor: Actor;
  input: EndpointParsedInput<E>;
  /** What the policy returned (e.g. the mentor and scope it checked), so the handler does not look it up again. */
  allowed: A;
  /** Answers with another success status than the endpoint declares (e.g. 200 for a repeat of a 201 creation). */
  answerWith: (status: number) => void;
  req: Request;
  res: Response;
}

/** A handler's answer: the JSON the output schema accepts; nothing for a "none" endpoint or one that sends its own answer (file, text, redirect). */
type Answer<E extends Endpoint> = EndpointResultIn<E>;

export interface Implementation<E extends Endpoint, A> {
  /**
   * Who may ask: throws forbidden() or notFound() to refuse. Runs after the input is validated
   * and before the handler; what it returns reaches the handler as `allowed`.
   */
  policy: (actor: Actor, input: EndpointParsedInput<E>) => A | Promise<A>;
  handler: (context: EndpointContext<E, Awaited<A>>) => Answer<E> | Promise<Answer<E>>;
  /** Runs before validation, in order: remembered reads, upload parsing, rate limits. */
  middleware?: RequestHandler[];
  /**
   * True for a write no page reads (a draft kept as someone types): the course is not marked
   * changed after it, so it does not make every remembered read and report of the course stale.
   */
  changesNothingRead?: boolean;
}

export interface PublicImplementation<E extends Endpoint> {
  /** Public by design (certificate verification): no actor, no policy. */
  handler: (context: Omit<EndpointContext<E, undefined>, "actor" | "allowed">) => Answer<E> | Promise<Answer<E>>;
  middleware?: RequestHandler[];
}

/**
 * Runs a policy that needs only the actor before the input is validated, as middleware: for a
 * form whose refusal must not depend on what was sent (only leads enter funding figures). The
 * endpoint's own policy still runs after validation.
 */
export function refuseEarly(policy: (actor: Actor) => unknown): RequestHandler {
  return (req, _res, next) => {
    try {
      policy(actorOf(req));
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** A policy for what anyone signed in to the course may do (their own drafts, their own session). */
export const anyoneSignedIn = (): void => undefined;

/**
 * Whether JSON answers are parsed with their output schema before they go out: on unless the app
 * was configured otherwise (config.checkAnswers, CHECK_ANSWERS=off), so an answer that drifts from
 * its contract fails loudly in tests rather than confusing the client. Off saves the parse (about
 * 8 ms for a 490 KB evidence list, 3x its JSON.stringify); remembered reads skip it either way.
 */
const answersChecked = (res: Response) => res.app.locals.checkAnswers !== false;

/**
 * A router for the endpoints under `mount` (e.g. "/api/audit"), which must be where it is
 * mounted. `implement` registers one endpoint: middleware → validate (the endpoint's input,
 * with person-readable 400s) → policy → handler → answer parsed with the endpoint's output.
 */
export function endpointRouter(mount: string) {
  const router = Router();
  const routeOf = (endpoint: Endpoint) => {
    if (endpoint.path !== mount && !endpoint.path.startsWith(`${mount}/`)) {
      throw new TypeError(`${endpoint.method} ${endpoint.path} is not under ${mount}, where its router is mounted`);
    }
    return endpoint.path.slice(mount.length) || "/";
  };
  const register = (
    endpoint: Endpoint,
    middleware: RequestHandler[],
    run: (req: Request, res: Response, answerWith: (status: number) => void) => Promise<unknown>,
    changesNothingRead = false,
  ) => {
    const { params, query, body } = endpoint.input;
    const parts = { params, query, body: body === "multipart" ? undefined : body };
    const route = router.route(routeOf(endpoint));
    const method = endpoint.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
    route[method](...middleware, validate(parts), (req: Request, res: Response, next: NextFunction) => {
      // After a write and before its answer, the explicit step: the course is marked changed (http/markCourseChanges.ts).
      const afterWrite = (status: number) => markChangedAfterWrite(req, res, { status, changesNothingRead });
      let status = endpoint.status;
      run(req, res, (chosen) => (status = chosen))
        .then(
          async (answer) => {
            await afterWrite(res.headersSent ? res.statusCode : status);
            send(endpoint, status, answer, res, next);
          },
          async (err) => {
            await afterWrite(statusOfError(err));
            next(err);
          },
        )
        .catch(next);
    });
  };

  /** Registers an endpoint behind authentication: validate → policy → handler → parsed answer. */
  function implement<E extends Endpoint, A>(endpoint: E, implementation: Implementation<E, A>): void {
    register(
      endpoint,
      implementation.middleware ?? [],
      async (req, res, answerWith) => {
        const actor = actorOf(req);
        const input = inputFor<E>(req);
        const allowed = await implementation.policy(actor, input);
        return implementation.handler({ actor, input, allowed, answerWith, req, res });
      },
      implementation.changesNothingRead,
    );
  }

  /** Registers a public endpoint (no actor): validate → handler → parsed answer. */
  function implementPublic<E extends Endpoint>(endpoint: E, implementation: PublicImplementation<E>): void {
    register(endpoint, implementation.middleware ?? [], async (req, res, answerWith) =>
      implementation.handler({ input: inputFor<E>(req), answerWith, req, res }),
    );
  }

  return { router, implement, implementPublic };
}

function inputFor<E extends Endpoint>(req: Request): EndpointParsedInput<E> {
  const parsed = (req.input ?? {}) as Partial<EndpointParsedInput<E>>;
  return { params: parsed.params, query: parsed.query, body: parsed.body } as EndpointParsedInput<E>;
}

function send(endpoint: Endpoint, status: number, answer: unknown, res: Response, next: NextFunction): void {
  const { output } = endpoint;
  if (typeof output === "string") {
    // A file, text or redirect is sent by its handler; "none" is sent here.
    if (res.headersSent) return;
    if (output === "none") {
      res.status(status).end();
      return;
    }
    next(new AppError("internal", "The server did not finish its answer. Please try again."));
    console.error(`[endpoint] ${endpoint.method} ${endpoint.path}: the handler sent no ${output}`);
    return;
  }
  const body = answersChecked(res) ? parseAnswer(endpoint, output, answer) : answer;
  if (body instanceof AppError) return next(body);
  // answerJson keeps the answer too when rememberReads is remembering this read.
  answerJson(res.status(status), body);
}

function parseAnswer(endpoint: Endpoint, schema: ZodTypeAny, answer: unknown): unknown {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  // Our bug, not the person's: the detail goes to the log, the person gets a plain 500.
  console.error(
    `[endpoint] ${endpoint.method} ${endpoint.path}: the answer does not match its contract`,
    JSON.stringify(parsed.error.issues.slice(0, 5)),
  );
  return new AppError(
    "internal",
    "The server made an answer it should not have. Please try again; if it keeps happening, tell your programme team.",
  );
}
