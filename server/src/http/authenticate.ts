import type { NextFunction, Request, Response } from "express";
import { unauthenticated } from "../errors";
import { verifySessionToken, type Actor } from "../lti/sessionToken";

declare module "express-serve-static-core" {
  interface Request {
    /** Who is asking; set by authenticate(). */
    actor?: Actor;
    /** Validated input; set by validate(). Handlers read only this, never req.body. */
    input?: unknown;
  }
}

/** Requires a session token from a launch (Authorization: Bearer ...) and sets req.actor. */
export function authenticate(ltiKey: string) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return next(unauthenticated());
    try {
      req.actor = await verifySessionToken(match[1].trim(), ltiKey);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The actor of an authenticated request (routes behind authenticate() only). */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
