import mongoose from "mongoose";
import { AuditRating } from "../models/auditRating";
import { Evidence, storedStandards } from "../models/evidence";

/**
 * Data changes start-up makes before the tool serves anything. Each is idempotent and safe to
 * interrupt: a crash part-way leaves data that the next start finishes.
 */
export async function runMigrations(): Promise<void> {
  await foldEvidenceLinks();
  await groupAuditRatings();
}

/** Where links to standards were kept, one document per link, before they moved into the evidence. */
const OLD_LINKS = "evidencelinks";

interface OldLink {
  _id: unknown;
  evidenceId: mongoose.Types.ObjectId;
  standardCode: string;
  descriptorCode?: string | null;
  note?: string | null;
}

/**
 * Moves links to standards saved as separate documents into their evidence, then removes them.
 * Evidence that already holds a `standards` field keeps it (it was saved by the current code, or
 * folded by a run that stopped before removing the old links), so running again changes nothing.
 * Returns how many old link documents were removed.
 */
export async function foldEvidenceLinks(batchSize = 1000): Promise<number> {
  const db = mongoose.connection.db;
  if (!(await db.listCollections({ name: OLD_LINKS }, { nameOnly: true }).hasNext())) return 0;
  const links = db.collection<OldLink>(OLD_LINKS);
  let removed = 0;
  for (;;) {
    const batch = await links
      .find({}, { projection: { evidenceId: 1 } })
      .limit(batchSize)
      .toArray();
    if (batch.length === 0) return removed;
    const evidenceIds = [...new Map(batch.map((l) => [String(l.evidenceId), l.evidenceId])).values()];
    for (const evidenceId of evidenceIds) {
      // All of this evidence's links, not only those in the batch, so it is folded whole.
      const own = await links.find({ evidenceId }).toArray();
      await Evidence.collection.updateOne(
        { _id: evidenceId, standards: { $exists: false } },
        { $set: { standards: storedStandards(own) } },
      );
      removed += (await links.deleteMany({ evidenceId })).deletedCount;
    }
  }
}

interface OldRating {
  _id: mongoose.Types.ObjectId;
  standardCode: string;
  descriptorCode: string;
  value: number;
  reason?: string | null;
}

/**
 * Puts audit ratings saved one document per rating into the shape a save now has (a `ratings`
 * list), one document at a time, each conversion a single update, so running again after a stop
 * part-way converts only what is left. Returns how many it converted.
 */
export async function groupAuditRatings(batchSize = 1000): Promise<number> {
  const ratings = AuditRating.collection as unknown as mongoose.mongo.Collection<OldRating>;
  let converted = 0;
  for (;;) {
    const batch = await ratings
      .find({ ratings: { $exists: false } })
      .limit(batchSize)
      .toArray();
    if (batch.length === 0) return converted;
    for (const old of batch) {
      const rating = {
        standardCode: old.standardCode,
        descriptorCode: old.descriptorCode,
        value: old.value,
        reason: old.reason ?? null,
      };
      await ratings.updateOne(
        { _id: old._id, ratings: { $exists: false } },
        { $set: { ratings: [rating] }, $unset: { standardCode: "", descriptorCode: "", value: "", reason: "" } },
      );
      converted++;
    }
  }
}
