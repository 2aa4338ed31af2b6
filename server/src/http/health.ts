import type http from "node:http";
import { Router } from "express";
import mongoose from "mongoose";

/** Where the tool is in its life: only `ready` serves the app. */
export type Readiness = "starting" | "ready" | "stopping";

/** What a client is told to wait, in seconds, before asking again while the tool is not ready. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * GET /health (`{ live, ready, engine }`, 503 when not ready), /health/live (200 while the process
 * answers) and /health/ready (200 only when requests will be served). Mounted on the app, which
 * answers only once started; ready also needs the database connection to be up.
 */
export function healthRouter(engine: string): Router {
  const router = Router();
  const isReady = () => mongoose.connection.readyState === 1;
  const answer = (res: import("express").Response, body: object, ok: boolean) => {
    if (!ok) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    res
      .status(ok ? 200 : 503)
      .setHeader("Cache-Control", "no-store")
      .json(body);
  };
  router.get("/health/live", (_req, res) => answer(res, { live: true }, true));
  router.get("/health/ready", (_req, res) => answer(res, { ready: isReady(), engine }, isReady()));
  router.get("/health", (_req, res) => answer(res, { live: true, ready: isReady(), engine }, isReady()));
  return router;
}

/**
 * Answers a request that arrives while the tool is starting or stopping, so no connection is
 * left without an answer: /health/live is 200; everything else is 503 with Retry-After (for the
 * API in the error shape the client knows).
 */
export function answerUnready(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  readiness: Exclude<Readiness, "ready">,
): void {
  // A request body is not wanted; reading it lets the connection be reused.
  req.resume();
  const path = (req.url ?? "/").split("?")[0];
  let status = 503;
  let body: object;
  if (path === "/health/live") {
    status = 200;
    body = { live: true };
  } else if (path === "/health" || path === "/health/ready") {
    body = { live: true, ready: false, state: readiness };
  } else {
    const message =
      readiness === "starting"
        ? "Mentor Pathways is starting. Please try again in a moment."
        : "Mentor Pathways is restarting. Please try again in a moment.";
    body = { error: { code: "not_ready", message } };
  }
  res.statusCode = status;
  if (status === 503) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  if (readiness === "stopping") res.setHeader("Connection", "close");
  res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
}
