import crypto from "node:crypto";
import { Types } from "mongoose";
import { isDuplicateKeyError } from "../errors";
import { GradeCellLease } from "../models/gradeCellLease";

/**
 * A lease on one grade cell (a mentor on a line item), so that across processes only one
 * worker sends scores for that cell at a time. That serialisation is what keeps timestamps
 * strictly increasing and coalescing correct, not only "no record sent twice".
 *
 * A lease is a document per cell taken with one conditional upsert (`until <= now`), atomic on
 * MongoDB and the embedded engine alike; its holder deletes it when done. A crashed worker's
 * lease simply expires and is taken over. A holder must not start a request it cannot finish
 * before `expiresAt` (see `hasTimeFor`).
 */
export interface CellLease {
  key: string;
  holder: string;
  expiresAt: number;
}

export function cellLeaseKey(cellKey: string): string {
  return `gradecell:${crypto.createHash("sha256").update(cellKey).digest("base64url").slice(0, 32)}`;
}

/** Takes the cell's lease for `leaseMs` from `now`, or null if another worker holds it. */
export async function claimCellLease(cellKey: string, now: number, leaseMs: number): Promise<CellLease | null> {
  return (await claimCellLeases([cellKey], now, leaseMs)).get(cellKey) ?? null;
}

/**
 * claimCellLease for many cells at once: the leases won, by cell. One conditional upsert per
 * cell, sent together (the embedded engine stops an unordered bulk update at its first error).
 */
export async function claimCellLeases(
  cellKeys: string[],
  now: number,
  leaseMs: number,
): Promise<Map<string, CellLease>> {
  const holder = new Types.ObjectId().toHexString();
  const until = new Date(now + leaseMs);
  const won = await Promise.all(
    cellKeys.map(async (cellKey): Promise<[string, CellLease] | null> => {
      const key = cellLeaseKey(cellKey);
      try {
        await GradeCellLease.updateOne(
          { _id: key, until: { $lte: new Date(now) } },
          { $set: { holder, until } },
          { upsert: true },
        );
        return [cellKey, { key, holder, expiresAt: until.getTime() }];
      } catch (err) {
        // Held by another: the filter misses, so the upsert inserts the key and fails, by design.
        if (isDuplicateKeyError(err)) return null;
        throw err;
      }
    }),
  );
  return new Map(won.filter((w) => w !== null));
}

/** True while the lease leaves room for one more request of up to `requestMs`, with a margin. */
export function hasTimeFor(lease: CellLease, now: number, requestMs: number): boolean {
  return lease.expiresAt - now > requestMs * 1.5;
}

/** Ends a lease early once its holder is done, so the cell can be worked again at once (a new mark, a retry). */
export async function releaseCellLease(lease: CellLease): Promise<void> {
  await releaseCellLeases([lease]);
}

/** releaseCellLease for many leases, one write per holder (usually one). */
export async function releaseCellLeases(leases: CellLease[]): Promise<void> {
  for (const holder of new Set(leases.map((l) => l.holder))) {
    await GradeCellLease.deleteMany({
      _id: { $in: leases.filter((l) => l.holder === holder).map((l) => l.key) },
      holder,
    });
  }
}

/**
 * Deletes leases that expired before `olderThan`: a crashed worker never releases its lease,
 * and though an expired one is simply taken over, a cell that is never worked again would keep
 * it for ever. Callers pass an age far beyond any lease, so a skewed clock never touches a live one.
 */
export async function sweepAbandonedLeases(olderThan: Date): Promise<number> {
  return (await GradeCellLease.deleteMany({ until: { $lt: olderThan } })).deletedCount;
}
