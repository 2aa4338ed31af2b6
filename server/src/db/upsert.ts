import type { FilterQuery, Model, UpdateQuery } from "mongoose";
import { isDuplicateKeyError } from "../errors";

/**
 * Update-or-insert keyed by a unique index. Two concurrent upserts of a new key can both try
 * to insert, and one fails with E11000 on MongoDB and FerretDB alike; the document exists by
 * then, so the loser applies its update to it (MongoDB's documented remedy).
 */
export async function upsertOne<T>(model: Model<T>, filter: FilterQuery<T>, update: UpdateQuery<T>): Promise<void> {
  try {
    await model.updateOne(filter, update, { upsert: true });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    await model.updateOne(filter, update);
  }
}
