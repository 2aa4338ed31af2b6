import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { keptInBin, type Binned } from "./binned";

/**
 * One piece of a mentor's evidence: the working copy they edit. Submitted portfolio versions
 * hold their own frozen copy, so editing here never changes what a panel saw. The links to
 * standards live inside it, so a save writes the evidence and its links in one document write:
 * a crash leaves all of it or none (attachments are their own documents, uploaded one by one).
 * Deleted evidence stays in the bin for 30 days (models/binned.ts) and is hidden from every query that does not name deletedAt.
 */
const evidenceSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    mentorUserId: { type: String, required: true },
    title: { type: String, required: true },
    /** The day of the practice the evidence records (UTC midnight). */
    practiceDate: { type: Date, required: true },
    /** Sanitised HTML: only safe formatting survives. */
    narrativeHtml: { type: String, default: "" },
    // Replaced whole on each edit (never edited in place), under the version check.
    links: { type: [{ _id: false, url: String, label: String }], default: [] },
    /**
     * How the evidence shows standards (or their descriptors), sorted by standard then descriptor,
     * one per pair; descriptorCode "" means the standard as a whole. Replaced whole on each edit.
     * Evidence saved before this lived here had its links folded in at start-up (db/migrations.ts).
     */
    standards: {
      type: [
        {
          _id: false,
          standardCode: { type: String, required: true },
          descriptorCode: { type: String, default: "" },
          note: { type: String, default: "" },
        },
      ],
      default: [],
    },
    /** The mentor's ordering; lower first. */
    position: { type: Number, default: 0 },
    archivedAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
evidenceSchema.index({ tenantId: 1, contextId: 1, mentorUserId: 1, position: 1 });

keptInBin(evidenceSchema);

export type EvidenceDoc = InferSchemaType<typeof evidenceSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
} & Binned;
export const Evidence = mongoose.model("Evidence", evidenceSchema);

/** A stored link to a standard: "" for the standard as a whole. */
export interface StoredStandardLink {
  standardCode: string;
  descriptorCode: string;
  note: string;
}

/**
 * Links to standards as the evidence stores them: one per standard and descriptor (a repeat
 * keeps its last note, as separate link documents once did), sorted by standard then descriptor.
 */
export function storedStandards(
  links: Array<{ standardCode: string; descriptorCode?: string | null; note?: string | null }>,
): StoredStandardLink[] {
  const byKey = new Map<string, StoredStandardLink>();
  for (const l of links) {
    const link = { standardCode: l.standardCode, descriptorCode: l.descriptorCode ?? "", note: l.note ?? "" };
    byKey.set(`${link.standardCode}|${link.descriptorCode}`, link);
  }
  return [...byKey.values()].sort(
    (a, b) => compare(a.standardCode, b.standardCode) || compare(a.descriptorCode, b.descriptorCode),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
