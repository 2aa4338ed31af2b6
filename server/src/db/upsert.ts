import type { FilterQuery, Model, UpdateQuery } from "mongoose";

/**
 * Update-or-insert keyed by a unique index: a plain upsert. With a filter that is equality on
 * the unique key's fields, MongoDB retries a concurrent upsert's E11000 itself and the embedded
 * engine runs upserts one at a time, so nothing is repaired here. Callers are being moved to
 * `model.updateOne(filter, update, { upsert: true })`; this goes with the last of them.
 */
export async function upsertOne<T>(model: Model<T>, filter: FilterQuery<T>, update: UpdateQuery<T>): Promise<void> {
  await model.updateOne(filter, update, { upsert: true });
}
