import type { Types } from "mongoose";
import type { TAttachment, TEvidence } from "../contracts/evidence";
import { Attachment, type AttachmentDoc } from "../models/attachment";
import type { EvidenceDoc } from "../models/evidence";
import { PortfolioVersion } from "../models/portfolioVersion";
import { groupBy } from "../groupBy";

export const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** An attachment's public fields. */
export function presentAttachment(a: Pick<AttachmentDoc, "filename" | "mimeType" | "size"> & { _id: Types.ObjectId; createdAt: Date }): TAttachment {
  return { id: a._id.toString(), filename: a.filename, mimeType: a.mimeType, size: a.size, uploadedAt: a.createdAt.toISOString() };
}

/** The evidence's links to standards as the API shows them (null: the standard as a whole). */
export function presentStandardLinks(e: Pick<EvidenceDoc, "standards">): TEvidence["standards"] {
  // Evidence written before links lived in it has no field until the start-up fold reaches it.
  return (e.standards ?? []).map((l) => ({ standardCode: l.standardCode, descriptorCode: l.descriptorCode || null, note: l.note ?? "" }));
}

/** A filter matching any of the values `items` hold in each of `fields`. */
function sameValues<T, K extends keyof T>(items: T[], fields: K[]): Record<string, { $in: T[K][] }> {
  return Object.fromEntries(fields.map((f) => [f, { $in: [...new Set(items.map((i) => i[f]))] }]));
}

/** Evidence with its links to standards, live attachments and the versions that froze it, in few queries. */
export async function presentEvidenceList(items: EvidenceDoc[]): Promise<TEvidence[]> {
  const ids = items.map((e) => e._id);
  const idStrings = ids.map(String);
  const [attachments, versions] = await Promise.all([
    Attachment.find({ evidenceId: { $in: ids }, archivedAt: null }).sort({ createdAt: 1 }).lean(),
    // Only its owner's versions can freeze a mentor's evidence. Naming them lets the embedded
    // engine narrow by its (tenant, course, mentor) index: the evidence path runs through an
    // array, which it cannot narrow by, so it would read every course's versions.
    PortfolioVersion.find(
      { ...sameValues(items, ["tenantId", "contextId", "mentorUserId"]), "evidence.evidenceId": { $in: idStrings } },
      { qualificationCode: 1, number: 1, "evidence.evidenceId": 1 },
    ).lean(),
  ]);
  const attachmentsOf = groupBy(attachments, (a) => String(a.evidenceId));
  return items.map((e) => {
    const id = e._id.toString();
    return {
      id,
      title: e.title,
      practiceDate: isoDay(e.practiceDate),
      narrativeHtml: e.narrativeHtml ?? "",
      links: (e.links ?? []).map((l) => ({ url: l.url ?? "", label: l.label ?? "" })),
      standards: presentStandardLinks(e),
      attachments: (attachmentsOf.get(id) ?? []).map((a) => presentAttachment(a as AttachmentDoc)),
      position: e.position ?? 0,
      archivedAt: e.archivedAt ? e.archivedAt.toISOString() : null,
      submittedIn: versions
        .filter((v) => v.evidence.some((f) => f.evidenceId === id))
        .map((v) => ({ qualificationCode: v.qualificationCode, number: v.number })),
      version: e.version ?? 0,
      updatedAt: e.updatedAt.toISOString(),
    };
  });
}

export async function presentEvidence(item: EvidenceDoc): Promise<TEvidence> {
  return (await presentEvidenceList([item]))[0];
}
