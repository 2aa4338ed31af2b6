import type { Model, UpdateQuery } from "mongoose";
import { Claim } from "../models/claim";
import { isDuplicateKeyError } from "../errors";

/** True for exactly one caller per key, across processes and engines. */
export async function claimOnce(key: string): Promise<boolean> {
  return (await claimEach([key])).has(key);
}

/**
 * Claims each key at once (one insert of many documents, each unique on its own); returns the
 * keys this caller won. Used where a worker claims a batch: one round trip instead of one each.
 */
export async function claimEach(keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  try {
    await Claim.insertMany(keys.map((_id) => ({ _id })), { ordered: false });
    return new Set(keys);
  } catch (err) {
    const failures = writeErrorsOf(err);
    if (!failures || failures.some((f) => f.code !== 11000)) throw err;
    const lost = new Set(failures.map((f) => f.index));
    return new Set(keys.filter((_, i) => !lost.has(i)));
  }
}

/** The per-document errors of a failed unordered insert (the driver's bulk write error), if that is what it is. */
function writeErrorsOf(err: unknown): Array<{ index: number; code: number }> | null {
  const found = (err as { writeErrors?: unknown }).writeErrors;
  if (found === undefined) return isDuplicateKeyError(err) && typeof (err as { index?: number }).index === "number" ? [{ index: (err as { index: number }).index, code: 11000 }] : null;
  const list = (Array.isArray(found) ? found : [found]) as Array<{ index?: number; code?: number; err?: { index?: number; code?: number } }>;
  return list.map((e) => ({ index: e.index ?? e.err?.index ?? -1, code: e.code ?? e.err?.code ?? -1 }));
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
