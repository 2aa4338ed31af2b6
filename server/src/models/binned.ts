import type { Schema } from "mongoose";

/** The field a model kept in the bin has (null unless it is in the bin). */
export interface Binned {
  deletedAt?: Date | null;
}

/** How long a deleted thing stays in the bin before the bin sweep purges it. */
export const BIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** When something deleted at `deletedAt` leaves the bin for good. */
export const purgeDateOf = (deletedAt: Date) => new Date(deletedAt.getTime() + BIN_DAYS * DAY_MS);

/** Deleted before this moment: due for purging at `now`. */
export const binCutoff = (now: Date) => new Date(now.getTime() - BIN_DAYS * DAY_MS);

const INCLUDE_BINNED = "includeBinned";
/** Query options for a read that must see binned documents as well as the rest: `.setOptions(includingBinned)`. */
export const includingBinned = { [INCLUDE_BINNED]: true } as Record<string, unknown>;

interface BinAwareQuery {
  getFilter(): Record<string, unknown>;
  getOptions(): Record<string, unknown>;
  where(f: Record<string, unknown>): unknown;
}

// Reads and edits that do not name deletedAt see only what is not in the bin.
const HIDING_OPERATIONS = /^(find|findOne|countDocuments|distinct|findOneAndUpdate|updateOne|updateMany)$/;

/**
 * Gives a model a bin: `deletedAt` (null unless deleted), and every query that does not name
 * `deletedAt` itself behaves as if binned documents were not there (so lists, counts, figures,
 * portfolio drafts and edits skip them without each saying so). Code that works on the bin
 * (delete, restore, list the bin, purge) names `deletedAt` in its filter, or reads with
 * `setOptions(includingBinned)`. Deletes are not
 * filtered: a purge or a replacement removes binned documents too. Aggregations are not filtered
 * either; none reads these models.
 */
export function keptInBin(schema: Schema): void {
  schema.add({ deletedAt: { type: Date, default: null } });
  // The bin sweep looks for what was deleted before a date.
  schema.index({ deletedAt: 1 });
  schema.pre(HIDING_OPERATIONS, function hideBinned(this: BinAwareQuery) {
    if (this.getOptions()[INCLUDE_BINNED] || Object.prototype.hasOwnProperty.call(this.getFilter(), "deletedAt"))
      return;
    this.where({ deletedAt: null });
  });
}
