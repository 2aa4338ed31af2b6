import { Router } from "express";
import type { AppDeps } from "../appDeps";
import { sessionRouter } from "./session/router";

/**
 * Every API resource, mounted under /api behind authentication. Add a resource by adding its
 * router here; each router validates, authorizes and presents its own requests.
 */
export function apiRoutes(_deps: AppDeps): Router {
  const api = Router();
  api.use("/session", sessionRouter());
  return api;
}
