import type { NextFunction, Request, Response } from "express";
import { markCourseChanged } from "../commands/courseChanged";
import { isMentor, isStaff } from "../policies/scope";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * After any successful write through the API, the actor's course is marked changed before the
 * response goes out, so a report or remembered read straight after it (the dashboard, a
 * mentor's pages) sees the write. One
 * place instead of a call in every command: a command added later cannot forget it.
 */
export function markCourseChanges(req: Request, res: Response, next: NextFunction): void {
  if (READS.has(req.method)) return next();
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const actor = req.actor;
    // A refused request (4xx) changed nothing; a failed one (5xx) may have written part of its work.
    const isRefused = res.statusCode >= 400 && res.statusCode < 500;
    if (isRefused || !actor?.contextId) return end(...args);
    // A mentor's API writes touch only their own records; anyone else's may touch any mentor's.
    const onlyMentor = isMentor(actor) && !isStaff(actor) ? actor.userId : undefined;
    markCourseChanged({ tenantId: actor.tenantId, contextId: actor.contextId }, { onlyMentor })
      .catch((err) => console.error("[reports] could not mark the course changed:", err))
      .finally(() => end(...args));
    return res;
  }) as Response["end"];
  next();
}
