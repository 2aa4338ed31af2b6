import type { Request, Response } from "express";
import { markCourseChanged } from "../commands/courseChanged";
import { AppError } from "../errors";
import { isMentor, isStaff } from "../policies/scope";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
// Responses whose write was already marked: the step is taken once per request, whichever path reaches it first.
const marked = new WeakSet<Response>();

/** The status a failed request is answered with: an AppError's own, else 500. */
export const statusOfError = (err: unknown): number => (err instanceof AppError ? err.status : 500);

/**
 * The step after a write through the API and before its answer goes out: the actor's course is
 * marked changed, so a report or remembered read straight after it (the dashboard, a mentor's
 * pages) sees the write. The endpoint framework takes this step after every write endpoint's
 * handler (http/endpoint.ts), so a command added later cannot forget it. `status` is what the
 * request is answered with: a refused request (4xx) changed nothing; a failed one (5xx) may have
 * written part of its work. A write no page reads (`changesNothingRead`: drafts) is not marked,
 * so it does not make the course's remembered reads stale. Never rejects: a mark that could not
 * be written is logged (remembered reads are redone after ten minutes in any case).
 */
export async function markChangedAfterWrite(
  req: Request,
  res: Response,
  outcome: { status: number; changesNothingRead?: boolean },
): Promise<void> {
  const actor = req.actor;
  if (READS.has(req.method) || marked.has(res)) return;
  marked.add(res);
  if (outcome.changesNothingRead || (outcome.status >= 400 && outcome.status < 500) || !actor?.contextId) return;
  // A mentor's API writes touch only their own records; anyone else's may touch any mentor's.
  const onlyMentor = isMentor(actor) && !isStaff(actor) ? actor.userId : undefined;
  await markCourseChanged({ course: { tenantId: actor.tenantId, contextId: actor.contextId }, onlyMentor }).catch(
    (err) => console.error("[reports] could not mark the course changed:", err),
  );
}
