import type { Model, UpdateQuery } from "mongoose";
import { Claim } from "../models/claim";
import { isDuplicateKeyError } from "../errors";

/**
 * True for exactly one caller per key, across processes: a unique insert, which fails by design
 * when the key was claimed before. Left for the callers not yet moved to a conditional update
 * on the record itself; it goes with the last of them, and the claims collection with it.
 */
export async function claimOnce(key: string): Promise<boolean> {
  try {
    await Claim.create({ _id: key });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * Optimistic concurrency for documents people edit from a copy they read: applies `update` to
 * the document `id` only if its `version` field is still `expectedVersion`, and bumps it. One
 * conditional update, atomic on MongoDB and the embedded engine alike, so exactly one of several
 * racing callers wins; the others get null and should answer 409.
 */
export async function updateAtVersion<T>(
  model: Model<T>,
  id: unknown,
  expectedVersion: number,
  update: UpdateQuery<T>,
): Promise<T | null> {
  const set = { ...((update as { $set?: object }).$set ?? {}), version: expectedVersion + 1 };
  return model.findOneAndUpdate({ _id: id, version: expectedVersion } as never, { ...update, $set: set } as never, { new: true }).lean<T>() as Promise<T | null>;
}
