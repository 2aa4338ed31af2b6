import type { NextFunction, Request, Response } from "express";
import { markCourseChanged } from "../commands/courseChanged";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * After any successful write through the API, the actor's course is marked changed before the
 * response goes out, so a report read straight after it (the dashboard) counts the write. One
 * place instead of a call in every command: a command added later cannot forget it.
 */
export function markCourseChanges(req: Request, res: Response, next: NextFunction): void {
  if (READS.has(req.method)) return next();
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const actor = req.actor;
    if (res.statusCode >= 400 || !actor?.contextId) return end(...args);
    markCourseChanged({ tenantId: actor.tenantId, contextId: actor.contextId })
      .catch((err) => console.error("[reports] could not mark the course changed:", err))
      .finally(() => end(...args));
    return res;
  }) as Response["end"];
  next();
}
