import type { Types } from "mongoose";
import type { TAttachment, TEvidence } from "../contracts/evidence";
import { Attachment, type AttachmentDoc } from "../models/attachment";
import type { EvidenceDoc } from "../models/evidence";
import { EvidenceLink } from "../models/evidenceLink";
import { PortfolioVersion } from "../models/portfolioVersion";

export const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** An attachment's public fields. */
export function presentAttachment(a: Pick<AttachmentDoc, "filename" | "mimeType" | "size"> & { _id: Types.ObjectId; createdAt: Date }): TAttachment {
  return { id: a._id.toString(), filename: a.filename, mimeType: a.mimeType, size: a.size, uploadedAt: a.createdAt.toISOString() };
}

/** Evidence with its links, live attachments and the versions that froze it, in few queries. */
export async function presentEvidenceList(items: EvidenceDoc[]): Promise<TEvidence[]> {
  const ids = items.map((e) => e._id);
  const idStrings = ids.map(String);
  const [links, attachments, versions] = await Promise.all([
    EvidenceLink.find({ evidenceId: { $in: ids } }).sort({ standardCode: 1, descriptorCode: 1 }).lean(),
    Attachment.find({ evidenceId: { $in: ids }, archivedAt: null }).sort({ createdAt: 1 }).lean(),
    PortfolioVersion.find({ "evidence.evidenceId": { $in: idStrings } }, { qualificationCode: 1, number: 1, "evidence.evidenceId": 1 }).lean(),
  ]);
  return items.map((e) => {
    const id = e._id.toString();
    return {
      id,
      title: e.title,
      practiceDate: isoDay(e.practiceDate),
      narrativeHtml: e.narrativeHtml ?? "",
      links: (e.links ?? []).map((l) => ({ url: l.url ?? "", label: l.label ?? "" })),
      standards: links
        .filter((l) => String(l.evidenceId) === id)
        .map((l) => ({ standardCode: l.standardCode, descriptorCode: l.descriptorCode || null, note: l.note ?? "" })),
      attachments: attachments.filter((a) => String(a.evidenceId) === id).map((a) => presentAttachment(a as AttachmentDoc)),
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
