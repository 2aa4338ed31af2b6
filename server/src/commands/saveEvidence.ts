import type { TEvidenceCreate, TEvidenceUpdate } from "../contracts/evidence";
import { conflict, invalidField, notFound } from "../errors";
import { Attachment } from "../models/attachment";
import { includingBinned } from "../models/binned";
import { Evidence, storedStandards, type EvidenceDoc } from "../models/evidence";
import { PortfolioEntry } from "../models/portfolioEntry";
import { PortfolioVersion } from "../models/portfolioVersion";
import type { TProgramme } from "../programme/schema";
import { deleteFile } from "../storage/attachmentStore";
import { checkStandardLinks } from "../queries/programmeChecks";
import { sanitizeNarrative } from "./sanitizeNarrative";

/** Whose evidence: always the signed-in mentor's, in their course. */
export interface MentorScope {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}

const toDate = (isoDay: string) => new Date(`${isoDay}T00:00:00.000Z`);

/**
 * Adds a piece of evidence at the end of the mentor's list, with its links to standards, in one
 * insert: a crash leaves the whole item or nothing.
 */
export async function createEvidence(p: {
  scope: MentorScope;
  input: TEvidenceCreate;
  programme: TProgramme;
}): Promise<EvidenceDoc> {
  checkStandardLinks(p.programme, p.input.standards);
  const last = await Evidence.findOne(p.scope, { position: 1 }).sort({ position: -1 }).lean();
  const evidence = await Evidence.create({
    ...p.scope,
    title: p.input.title,
    practiceDate: toDate(p.input.practiceDate),
    narrativeHtml: sanitizeNarrative(p.input.narrativeHtml),
    links: p.input.links,
    standards: storedStandards(p.input.standards),
    position: (last?.position ?? -1) + 1,
  });
  return evidence.toObject() as EvidenceDoc;
}

/** Edits the working copy, links to standards included, in one update; copies frozen in submitted versions are untouched. */
export async function updateEvidence(p: {
  scope: MentorScope;
  evidence: EvidenceDoc;
  input: TEvidenceUpdate;
  programme: TProgramme;
}): Promise<void> {
  const { input } = p;
  if (p.evidence.archivedAt) throw conflict("This evidence is archived. Restore it before editing it.");
  if (input.standards) checkStandardLinks(p.programme, input.standards);
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.practiceDate !== undefined) set.practiceDate = toDate(input.practiceDate);
  if (input.narrativeHtml !== undefined) set.narrativeHtml = sanitizeNarrative(input.narrativeHtml);
  if (input.links !== undefined) set.links = input.links;
  if (input.standards !== undefined) set.standards = storedStandards(input.standards);
  const updated = await Evidence.updateOne(
    { _id: p.evidence._id, version: input.expectedVersion },
    { $set: set, $inc: { version: 1 } },
  );
  if (updated.modifiedCount === 0)
    throw conflict(
      "This evidence was changed somewhere else since you opened it. Reload it and make your change again.",
    );
}

/** Puts the mentor's evidence in the given order; every id must be theirs. */
export async function reorderEvidence(p: { scope: MentorScope; order: string[] }): Promise<void> {
  if (new Set(p.order).size !== p.order.length) throw invalidField("body.order", "lists the same evidence twice");
  const owned = await Evidence.countDocuments({ ...p.scope, _id: { $in: p.order } });
  if (owned !== p.order.length) throw invalidField("body.order", "names evidence that is not yours");
  // Each write sets an absolute position, so a repeat or an interleaving leaves a valid order.
  for (const [index, id] of p.order.entries())
    await Evidence.updateOne({ ...p.scope, _id: id }, { $set: { position: index } });
}

/** Archives or restores; archived evidence stays in any version that froze it. */
export async function setEvidenceArchived(p: { evidence: EvidenceDoc; archived: boolean }): Promise<void> {
  await Evidence.updateOne({ _id: p.evidence._id }, { $set: { archivedAt: p.archived ? new Date() : null } });
}

/** The submitted versions holding a copy of this evidence (or of one attachment). */
export async function versionsHolding(filter: { evidenceId?: string; attachmentId?: string }) {
  const query = filter.attachmentId
    ? { "evidence.attachments.id": filter.attachmentId }
    : { "evidence.evidenceId": filter.evidenceId };
  return PortfolioVersion.find(query, { qualificationCode: 1, number: 1 }).sort({ submittedAt: 1 }).lean();
}

/**
 * Moves evidence that no submitted version holds to the bin (with its attachments, which go and
 * come back with it): hidden everywhere, restorable for 30 days, then purged by the bin sweep.
 * Evidence a version holds must be archived instead: it is part of what a panel saw.
 */
export async function deleteEvidence(p: { evidence: EvidenceDoc }): Promise<void> {
  const holders = await versionsHolding({ evidenceId: p.evidence._id.toString() });
  if (holders.length > 0) {
    const where = holders.map((h) => `${h.qualificationCode} version ${h.number}`).join(", ");
    throw conflict(
      `This evidence is part of a submitted portfolio (${where}), so it cannot be deleted. Archive it instead.`,
      { versions: holders.map((h) => ({ qualificationCode: h.qualificationCode, number: h.number })) },
    );
  }
  // Of concurrent deletes one moves it to the bin (one conditional write); the rest are told it is gone.
  const { modifiedCount } = await Evidence.updateOne(
    { _id: p.evidence._id, deletedAt: null },
    { $set: { deletedAt: new Date() } },
  );
  if (modifiedCount === 0) throw notFound("That evidence");
}

/** Takes the mentor's evidence out of the bin, as it was (attachments and draft portfolios included); 404 if it is not there. */
export async function restoreEvidence(p: { scope: MentorScope; evidenceId: string }): Promise<EvidenceDoc> {
  const { modifiedCount } = await Evidence.updateOne(
    { ...p.scope, _id: p.evidenceId, deletedAt: { $ne: null } },
    { $set: { deletedAt: null } },
  );
  if (modifiedCount === 0) throw notFound("That evidence in the bin");
  const evidence = await Evidence.findOne({ ...p.scope, _id: p.evidenceId }).lean<EvidenceDoc>();
  if (!evidence) throw notFound("That evidence");
  return evidence;
}

/** Purges evidence in the bin since before `cutoff`, with its files and draft inclusions; evidence a version holds is never purged. */
export async function purgeBinnedEvidence(cutoff: Date): Promise<number> {
  const due = await Evidence.find({ deletedAt: { $ne: null, $lte: cutoff } }, { _id: 1 }).lean();
  let purged = 0;
  for (const { _id } of due) {
    if ((await versionsHolding({ evidenceId: _id.toString() })).length > 0) continue;
    const attachments = await Attachment.find({ evidenceId: _id }, { fileId: 1 }).setOptions(includingBinned).lean();
    const { deletedCount } = await Evidence.deleteOne({ _id, deletedAt: { $ne: null, $lte: cutoff } });
    if (deletedCount === 0) continue; // restored meanwhile
    purged += 1;
    await PortfolioEntry.deleteMany({ evidenceId: _id });
    for (const a of attachments) await deleteFile(a.fileId);
    await Attachment.deleteMany({ evidenceId: _id });
  }
  return purged;
}
