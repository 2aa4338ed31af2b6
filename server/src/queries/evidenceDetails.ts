import { Attachment, type AttachmentDoc } from "../models/attachment";
import type { EvidenceDoc } from "../models/evidence";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { listEvidence, type ArchivedFilter } from "./evidenceReads";

/** A filter matching any of the values `items` hold in each of `fields`. */
function sameValues<T, K extends keyof T>(items: T[], fields: K[]): Record<string, { $in: T[K][] }> {
  return Object.fromEntries(fields.map((f) => [f, { $in: [...new Set(items.map((i) => i[f]))] }]));
}

/** Evidence with what is shown beside it (live attachments and the versions that froze it), read in few queries for presenters/evidence.ts. */
export async function evidenceDetails(items: EvidenceDoc[]) {
  const ids = items.map((e) => e._id);
  const idStrings = ids.map(String);
  const [attachments, versions] = await Promise.all([
    Attachment.find({ evidenceId: { $in: ids }, archivedAt: null })
      .sort({ createdAt: 1 })
      .lean<AttachmentDoc[]>(),
    // Only its owner's versions can freeze a mentor's evidence. Naming them lets the embedded
    // engine narrow by its (tenant, course, mentor) index: the evidence path runs through an
    // array, which it cannot narrow by, so it would read every course's versions.
    PortfolioVersion.find(
      { ...sameValues(items, ["tenantId", "contextId", "mentorUserId"]), "evidence.evidenceId": { $in: idStrings } },
      { qualificationCode: 1, number: 1, "evidence.evidenceId": 1 },
    ).lean<Array<Pick<PortfolioVersionDoc, "qualificationCode" | "number" | "evidence">>>(),
  ]);
  return { items, attachments, versions };
}

/**
 * A mentor's evidence list (listEvidence) with its details, the three reads at once: the live
 * attachments and the versions are read by the mentor, not by the items' ids (each carries the
 * mentor of the evidence it belongs to), and the presenter picks those of the items listed.
 */
export async function evidenceListDetails(
  mentor: { tenantId: string; contextId: string; mentorUserId: string },
  archived: ArchivedFilter,
): Promise<EvidenceDetails> {
  const byMentor = { tenantId: mentor.tenantId, contextId: mentor.contextId, mentorUserId: mentor.mentorUserId };
  const [items, attachments, versions] = await Promise.all([
    listEvidence(mentor, archived),
    // The fields presenters/evidence.ts shows; file ids and checksums stay on the server.
    Attachment.find(
      { ...byMentor, archivedAt: null },
      { evidenceId: 1, filename: 1, mimeType: 1, size: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean<AttachmentDoc[]>(),
    PortfolioVersion.find(byMentor, { qualificationCode: 1, number: 1, "evidence.evidenceId": 1 }).lean<
      Array<Pick<PortfolioVersionDoc, "qualificationCode" | "number" | "evidence">>
    >(),
  ]);
  return { items, attachments, versions };
}

/** What presenters/evidence.ts needs to show a list of evidence. */
export type EvidenceDetails = Awaited<ReturnType<typeof evidenceDetails>>;

/** One piece of evidence with its details. */
export function evidenceDetailsOf(item: EvidenceDoc): Promise<EvidenceDetails> {
  return evidenceDetails([item]);
}
