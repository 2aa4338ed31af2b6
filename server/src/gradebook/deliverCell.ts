import { PlatformCallError } from "../lti/platformHttp";
import type { PlatformServices } from "../lti/port";
import type { Types } from "mongoose";
import { GradeRecord } from "../models/gradeRecord";
import { backoffDelay, type BackoffPolicy } from "./backoff";
import { hasTimeFor, type CellLease } from "./cellLease";
import { ensureLineItem, forgetLineItem, LineItemBusy } from "./lineItems";
import { lineItemsUrlOf, serviceForTenant, type GradebookPorts } from "./platformService";
import type { GradeToQueue } from "../commands/queueGrade";
import { memoized, type PassMemo } from "./passMemo";
import { explainRefusal, readsCanvasExtensions, scoreBody } from "./scoreBody";

/** What one pass over a cell did. */
export type CellOutcome = "delivered" | "retry" | "failed" | "superseded" | "waiting" | "idle" | "lease-short";

export interface DeliveryContext {
  ports: GradebookPorts;
  owner: string;
  now: () => number;
  backoff: BackoffPolicy;
  timeoutMs: number;
  /** Set by the worker for one pass (see passMemo.ts). */
  memo?: PassMemo;
}

/** A GradeRecord as stored (mongoose types its nested paths as optional; the schema requires them). */
export interface OutboxRecord extends Omit<GradeToQueue, "gradedBy" | "gradedAt" | "dedupeKey"> {
  _id: Types.ObjectId;
  gradedAt: Date;
  delivery: { status: string; attempts: number; nextAttemptAt: Date | null; sentTimestamp: Date | null };
}
type Rec = OutboxRecord;

/**
 * Every record of the given cells, newest mark first, by cell: one read by the cells' own index
 * (a cell holds a handful of marks, and filtering them here keeps the engine from choosing a
 * broader index, e.g. every pending mark of every cell). A worker reads its batch at once.
 */
export async function loadCells(cellKeys: string[]): Promise<Map<string, OutboxRecord[]>> {
  const records = await GradeRecord.find({ cellKey: { $in: cellKeys } }).lean<
    Array<OutboxRecord & { cellKey: string }>
  >();
  records.sort(
    (a, b) =>
      b.gradedAt.getTime() - a.gradedAt.getTime() ||
      (b._id.toString() < a._id.toString() ? -1 : b._id.toString() > a._id.toString() ? 1 : 0),
  );
  const byCell = new Map<string, OutboxRecord[]>(cellKeys.map((k) => [k, []]));
  for (const r of records) byCell.get(r.cellKey)?.push(r);
  return byCell;
}

const floorSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** A score one cell is ready to send: its newest pending mark, the column and the timestamp. */
export interface PlannedSend {
  cell: Rec[];
  rec: Rec;
  lease: CellLease;
  timestamp: number;
  svc: PlatformServices;
  lineItemUrl: string;
  scope: { tenantId: string; contextId: string; lineItemsUrl: string };
  columnKey: string;
  /** The platform reads Canvas's submission extension. */
  isCanvas: boolean;
}

/**
 * The first step of delivering a cell, holding its lease: picks the newest pending mark (older
 * pending marks are superseded, not sent: the gradebook only ever needs the newest), finds or
 * makes its column, and chooses the timestamp to send — strictly after any timestamp sent before
 * for the cell (Moodle refuses one that is not newer, to the second). Answers with an outcome
 * when there is nothing to send now. The worker then records the timestamps of its group's
 * planned sends (recordPlannedTimestamps) before sending any (sendPlanned), so a retry after an
 * ambiguous timeout uses a newer timestamp rather than one the LMS may already hold.
 */
export async function planCell(
  ctx: DeliveryContext,
  cellKey: string,
  lease: CellLease,
  loaded?: OutboxRecord[],
): Promise<{ outcome: CellOutcome } | { plan: PlannedSend }> {
  // Only the lease holder changes this cell's delivery fields, so this read (made after the lease
  // was taken, here or by the worker for its group) stays true while we work; a mark queued
  // meanwhile is pending and waits for the next pass.
  const cell = loaded ?? (await loadCells([cellKey])).get(cellKey)!;
  const pending = cell.filter((r) => r.delivery.status === "pending");
  if (pending.length === 0) return { outcome: "idle" };
  const [rec, ...older] = pending;
  if (older.length > 0)
    await supersede(
      older.map((r) => r._id),
      rec._id.toString(),
    );

  const lastDelivered = cell.find((r) => r.delivery.status === "delivered");
  if (lastDelivered && lastDelivered.gradedAt > rec.gradedAt) {
    // A retried old mark must not overwrite a newer one already in the gradebook.
    await supersede([rec._id], lastDelivered._id.toString());
    return { outcome: "superseded" };
  }
  if (rec.delivery.nextAttemptAt && rec.delivery.nextAttemptAt.getTime() > ctx.now()) return { outcome: "waiting" };

  try {
    const svc: PlatformServices = await memoized(ctx.memo, `service|${rec.tenantId}`, () =>
      serviceForTenant(ctx.ports, rec.tenantId),
    );
    const lineItemsUrl = await memoized(ctx.memo, `lineitems|${rec.tenantId}|${rec.contextId}`, () =>
      lineItemsUrlOf(rec.tenantId, rec.contextId),
    );
    const scope = { tenantId: rec.tenantId, contextId: rec.contextId, lineItemsUrl };
    const columnKey = `column|${rec.tenantId}|${rec.contextId}|${rec.lineItem.resourceId}`;
    const lineItem = await memoized(ctx.memo, columnKey, () =>
      ensureLineItem(svc, scope, { ...rec.lineItem, kind: rec.source.kind }),
    );
    const isCanvas = await memoized(ctx.memo, `canvas|${rec.tenantId}`, () => readsCanvasExtensions(rec.tenantId));
    const sent = cell.flatMap((r) => (r.delivery.sentTimestamp ? [r.delivery.sentTimestamp.getTime()] : []));
    const previous = sent.length > 0 ? Math.max(...sent) : undefined;
    const timestamp = Math.max(
      floorSecond(rec.gradedAt.getTime()),
      previous === undefined ? 0 : floorSecond(previous) + 1000,
    );
    if (!hasTimeFor(lease, ctx.now(), ctx.timeoutMs)) return { outcome: "lease-short" };
    return { plan: { cell, rec, lease, timestamp, svc, lineItemUrl: lineItem.url, scope, columnKey, isCanvas } };
  } catch (err) {
    // Not a delivery failure: the column is being made elsewhere, so no attempt is counted.
    if (err instanceof LineItemBusy) return { outcome: "waiting" };
    return { outcome: await recordFailure(ctx, rec, err) };
  }
}

/**
 * Records the timestamp each planned send will carry, before any is sent: one write for all the
 * sends that share a timestamp (marks entered together share their second), instead of one each.
 */
export async function recordPlannedTimestamps(ctx: DeliveryContext, plans: PlannedSend[]): Promise<void> {
  const byStamp = new Map<string, { timestamp: number; expiresAt: number; ids: Types.ObjectId[] }>();
  for (const p of plans) {
    const key = `${p.timestamp}|${p.lease.expiresAt}`;
    const group = byStamp.get(key) ?? { timestamp: p.timestamp, expiresAt: p.lease.expiresAt, ids: [] };
    group.ids.push(p.rec._id);
    byStamp.set(key, group);
  }
  for (const g of byStamp.values()) {
    await GradeRecord.updateMany(
      { _id: { $in: g.ids } },
      {
        $set: {
          "delivery.sentTimestamp": new Date(g.timestamp),
          "delivery.leaseOwner": ctx.owner,
          "delivery.leaseExpiresAt": new Date(g.expiresAt),
        },
      },
    );
  }
}

/**
 * Sends a planned score whose timestamp is recorded. A score the LMS accepts is answered with its
 * record's id: the caller records it as delivered (markDelivered), with the rest of its group.
 */
export async function sendPlanned(
  ctx: DeliveryContext,
  plan: PlannedSend,
): Promise<{ outcome: CellOutcome; sentId?: Types.ObjectId }> {
  const { rec, cell, timestamp } = plan;
  // The group's earlier sends may have used up the lease; this one waits for the next pass.
  if (!hasTimeFor(plan.lease, ctx.now(), ctx.timeoutMs)) return { outcome: "lease-short" };
  try {
    await plan.svc.scores.post(plan.lineItemUrl, scoreBody(rec, commentFor(cell, rec), timestamp, plan.isCanvas));
  } catch (err) {
    // A column deleted in the LMS: forget it so the next attempt finds or makes it again.
    if (err instanceof PlatformCallError && err.status === 404) {
      ctx.memo?.delete(plan.columnKey);
      await forgetLineItem(plan.scope, rec.lineItem.resourceId);
      return {
        outcome: await recordFailure(
          ctx,
          rec,
          new PlatformCallError(
            "retryable",
            `${err.message} (the gradebook column was missing; it will be made again)`,
            404,
          ),
        ),
      };
    }
    return { outcome: await recordFailure(ctx, rec, err) };
  }
  return { outcome: "delivered", sentId: rec._id };
}

/**
 * Records scores the LMS accepted as delivered: a worker marks its group's together, before it
 * releases their leases. Until then such a record still reads as pending with its sent
 * timestamp, so a crash in between only sends the same score again with a newer timestamp
 * (the LMS keeps the newest), as a crash between sending and recording always could.
 */
export async function markDelivered(ids: Types.ObjectId[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await GradeRecord.updateMany(
    { _id: { $in: ids } },
    {
      $set: {
        "delivery.status": "delivered",
        "delivery.deliveredAt": at,
        "delivery.lastError": null,
        "delivery.lastStatus": null,
        "delivery.leaseOwner": null,
        "delivery.leaseExpiresAt": null,
      },
      $inc: { "delivery.attempts": 1 },
    },
  );
}

/**
 * Blackboard clears the comment when a score arrives without one, so every score carries the
 * cell's current feedback: a re-mark without feedback, or a submission (which has none), sends
 * the newest earlier feedback instead of wiping it.
 */
function commentFor(cell: Rec[], rec: Rec): string | null {
  if (rec.comment) return rec.comment;
  // The cell is newest first, so the first match is the newest earlier feedback.
  return cell.find((r) => r.comment && r.gradedAt <= rec.gradedAt)?.comment ?? null;
}

async function supersede(ids: unknown[], by: string): Promise<void> {
  await GradeRecord.updateMany(
    { _id: { $in: ids }, "delivery.status": "pending" },
    {
      $set: {
        "delivery.status": "superseded",
        "delivery.supersededBy": by,
        "delivery.leaseOwner": null,
        "delivery.leaseExpiresAt": null,
      },
    },
  );
}

async function recordFailure(ctx: DeliveryContext, rec: Rec, err: unknown): Promise<CellOutcome> {
  const callError =
    err instanceof PlatformCallError
      ? explainRefusal(err)
      : new PlatformCallError(
          "retryable",
          `Delivery failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`,
          null,
        );
  if (!(err instanceof PlatformCallError)) console.error("[gradebook] delivery error:", err);
  const attempts = (rec.delivery.attempts ?? 0) + 1;
  const givesUp = callError.kind !== "retryable" || attempts >= ctx.backoff.maxAttempts;
  const message =
    callError.kind === "retryable" && givesUp
      ? `Gave up after ${attempts} attempts. Last error: ${callError.message}`
      : callError.message;
  const nextAt = ctx.now() + backoffDelay(ctx.backoff, attempts, callError.retryAfterMs);
  await GradeRecord.updateOne(
    { _id: rec._id },
    {
      $set: {
        "delivery.status": givesUp ? "failed" : "pending",
        "delivery.attempts": attempts,
        "delivery.nextAttemptAt": new Date(nextAt),
        "delivery.lastError": message,
        "delivery.lastStatus": callError.status,
        "delivery.leaseOwner": null,
        "delivery.leaseExpiresAt": null,
      },
    },
  );
  return givesUp ? "failed" : "retry";
}
