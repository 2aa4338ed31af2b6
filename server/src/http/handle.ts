import type { NextFunction, Request, RequestHandler, Response } from "express";

/** Wraps an async handler so a rejected promise reaches the error middleware (express 4). */
export function handle(fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}
