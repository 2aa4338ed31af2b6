import type { mongo } from "mongoose";
import { CourseChange, type CourseChangeDoc } from "../models/courseChange";

/**
 * The change markers with these keys, by key (absent: never changed). Every served read pays for
 * this lookup and little else, so it goes straight to the collection — a mongoose query's
 * building, casting and hydration cost more than the lookup itself — in one query (`_id` `$in`
 * is narrowed by the primary key on every engine).
 */
export async function readChangeMarkers(keys: string[]): Promise<Map<string, CourseChangeDoc>> {
  const collection = CourseChange.collection as unknown as mongo.Collection<CourseChangeDoc>;
  const found =
    keys.length === 1
      ? [await collection.findOne({ _id: keys[0] })].filter((m) => m !== null)
      : await collection.find({ _id: { $in: keys } }).toArray();
  return new Map(found.map((m) => [m._id, m]));
}
