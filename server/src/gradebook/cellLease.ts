import crypto from "node:crypto";
import { claimEach } from "../db/exclusive";
import { Claim } from "../models/claim";

/**
 * A lease on one grade cell (a mentor on a line item), so that across processes only one
 * worker sends scores for that cell at a time. That serialisation is what keeps timestamps
 * strictly increasing and coalescing correct, not only "no record sent twice".
 *
 * Leases rest on unique inserts (our embedded engine's conditional updates are not atomic):
 * time is cut into slots of `leaseMs`, and a lease is the claim `gradecell:<cell>:lease:<slot>`.
 * A crashed worker's lease simply ends with its slot, and the next slot's claim is free for
 * anyone: takeover needs no clean-up and no clock on the record. A holder must not start a
 * request it cannot finish inside its slot (see `hasTimeFor`).
 */
export interface CellLease {
  key: string;
  slot: number;
  /** Every claim held: the slot's, and the next slot's when the lease was taken late in its slot. */
  keys: string[];
  expiresAt: number;
}

// Every lease claim, and nothing else, starts with this: the sweep below relies on it.
const LEASE_PREFIX = "gradecell:";

export function cellLeaseKey(cellKey: string, slot: number): string {
  const digest = crypto.createHash("sha256").update(cellKey).digest("base64url").slice(0, 32);
  return `${LEASE_PREFIX}${digest}:lease:${slot}`;
}

/**
 * Takes the cell's lease for the current slot, or null if another worker holds it. When less
 * than `minRemainingMs` of the slot is left, the next slot's claim is taken too and the lease
 * runs to its end.
 */
export async function claimCellLease(cellKey: string, now: number, leaseMs: number, minRemainingMs = 0): Promise<CellLease | null> {
  return (await claimCellLeases([cellKey], now, leaseMs, minRemainingMs)).get(cellKey) ?? null;
}

/** claimCellLease for many cells in one round trip: the leases won, by cell. */
export async function claimCellLeases(cellKeys: string[], now: number, leaseMs: number, minRemainingMs = 0): Promise<Map<string, CellLease>> {
  const slot = Math.floor(now / leaseMs);
  // Without the next slot, nobody could send for a cell in the last part of every slot (hasTimeFor
  // refuses), and a worker taking the lease then would only spin until the slot ended. Holding
  // both claims keeps exclusivity: whoever is in either slot must get that slot's claim first.
  const slots = (slot + 1) * leaseMs - now > minRemainingMs ? [slot] : [slot, slot + 1];
  const wanted = cellKeys.map((cellKey) => ({ cellKey, keys: slots.map((s) => cellLeaseKey(cellKey, s)) }));
  const won = await claimEach(wanted.flatMap((w) => w.keys));
  const leases = new Map<string, CellLease>();
  const partial: string[] = [];
  for (const { cellKey, keys } of wanted) {
    if (keys.every((k) => won.has(k))) leases.set(cellKey, { key: keys[0], slot, keys, expiresAt: (slot + slots.length) * leaseMs });
    else partial.push(...keys.filter((k) => won.has(k)));
  }
  if (partial.length > 0) await Claim.deleteMany({ _id: { $in: partial } });
  return leases;
}

/** True while the lease leaves room for one more request of up to `requestMs`, with a margin. */
export function hasTimeFor(lease: CellLease, now: number, requestMs: number): boolean {
  return lease.expiresAt - now > requestMs * 1.5;
}

/**
 * Ends a lease early once its holder is done, so the cell can be worked again within the same
 * slot (a new mark, a retry). Only the holder calls this, and only before its slot ends.
 */
export async function releaseCellLease(lease: CellLease): Promise<void> {
  await releaseCellLeases([lease]);
}

/** releaseCellLease for many leases in one round trip. */
export async function releaseCellLeases(leases: CellLease[]): Promise<void> {
  if (leases.length > 0) await Claim.deleteMany({ _id: { $in: leases.flatMap((l) => l.keys) } });
}

/**
 * Deletes lease claims made before `olderThan`. A crashed worker never releases its lease, and
 * although the claim stops mattering once its slot ends, it would stay in the Claim collection
 * for ever. Only `gradecell:` keys are touched: every other claim records that something
 * happened exactly once and must stay. Callers pass an age far beyond any slot.
 */
export async function sweepAbandonedLeases(olderThan: Date): Promise<number> {
  // A range rather than a regex: ";" is the character after ":", so this is exactly the prefix.
  const res = await Claim.deleteMany({ _id: { $gte: LEASE_PREFIX, $lt: "gradecell;" }, createdAt: { $lt: olderThan } });
  return res.deletedCount;
}
