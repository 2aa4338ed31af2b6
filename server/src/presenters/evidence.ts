import type { Types } from "mongoose";
import type { TAttachment, TEvidence } from "../contracts/evidence";
import type { AttachmentDoc } from "../models/attachment";
import type { EvidenceDoc } from "../models/evidence";
import { groupBy } from "../groupBy";
import type { EvidenceDetails } from "../queries/evidenceDetails";

export const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** An attachment's public fields. */
export function presentAttachment(
  a: Pick<AttachmentDoc, "filename" | "mimeType" | "size"> & { _id: Types.ObjectId; createdAt: Date },
): TAttachment {
  return {
    id: a._id.toString(),
    filename: a.filename,
    mimeType: a.mimeType,
    size: a.size,
    uploadedAt: a.createdAt.toISOString(),
  };
}

/** The evidence's links to standards as the API shows them (null: the standard as a whole). */
export function presentStandardLinks(e: Pick<EvidenceDoc, "standards">): TEvidence["standards"] {
  // Evidence written before links lived in it has no field until the start-up fold reaches it.
  return (e.standards ?? []).map((l) => ({
    standardCode: l.standardCode,
    descriptorCode: l.descriptorCode || null,
    note: l.note ?? "",
  }));
}

/** Evidence with its links to standards, live attachments and the versions that froze it (read by queries/evidenceDetails.ts). */
export function presentEvidenceList({ items, attachments, versions }: EvidenceDetails): TEvidence[] {
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

/** One piece of evidence (its details read by evidenceDetailsOf). */
export function presentEvidence(details: EvidenceDetails): TEvidence {
  return presentEvidenceList(details)[0];
}
