import type { Model, UpdateQuery } from "mongoose";
import { Claim } from "../models/claim";
import { isDuplicateKeyError } from "../errors";

/** True for exactly one caller per key, across processes and engines. */
export async function claimOnce(key: string): Promise<boolean> {
  try {
    await Claim.create({ _id: key });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

// A claim whose writer died before applying its update would block the record for ever; after
// this long with the record still at the old version, the claim is treated as abandoned.
const ABANDONED_AFTER_MS = 30_000;

/**
 * Optimistic concurrency: applies `update` to the document `id` only if its `version` field is
 * still `expectedVersion`, and bumps it. Exactly one of several racing callers wins; the others
 * get null and should answer 409 (or re-read and retry).
 */
export async function updateAtVersion<T>(
  model: Model<T>,
  id: unknown,
  expectedVersion: number,
  update: UpdateQuery<T>,
): Promise<T | null> {
  const key = `${model.collection.collectionName}:${String(id)}:v${expectedVersion + 1}`;
  if (!(await claimOnce(key))) {
    const stale = await Claim.findOne({ _id: key, createdAt: { $lt: new Date(Date.now() - ABANDONED_AFTER_MS) } }).lean();
    const current = stale ? await model.findById(id, { version: 1 }).lean<{ version?: number }>() : null;
    if (!stale || current?.version !== expectedVersion) return null;
    await Claim.deleteOne({ _id: key, createdAt: stale.createdAt });
    if (!(await claimOnce(key))) return null;
  }
  const set = { ...((update as { $set?: object }).$set ?? {}), version: expectedVersion + 1 };
  return model.findOneAndUpdate({ _id: id, version: expectedVersion } as never, { ...update, $set: set } as never, { new: true }).lean<T>() as Promise<T | null>;
}
