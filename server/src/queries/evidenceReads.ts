import { Attachment, type AttachmentDoc } from "../models/attachment";
import { Evidence, type EvidenceDoc } from "../models/evidence";

/** Where a mentor's evidence lives: their own course's, as the evidence policy scopes it. */
type EvidenceScope = Record<string, unknown> & { tenantId: string; contextId: string };

/** Which items a list shows: those in use (the default), all, or only the archived ones. */
export type ArchivedFilter = "exclude" | "include" | "only";

/** The mentor's evidence in their order (then oldest first). */
export function listEvidence(scope: EvidenceScope, archived: ArchivedFilter): Promise<EvidenceDoc[]> {
  const filter =
    archived === "include" ? {} : archived === "only" ? { archivedAt: { $ne: null } } : { archivedAt: null };
  return Evidence.find({ ...scope, ...filter })
    .sort({ position: 1, createdAt: 1 })
    .lean<EvidenceDoc[]>();
}

/** One item of the mentor's evidence, or null (someone else's is not found). */
export function findEvidence(scope: EvidenceScope, evidenceId: string): Promise<EvidenceDoc | null> {
  return Evidence.findOne({ ...scope, _id: evidenceId }).lean<EvidenceDoc>();
}

/** A file attached to an item of evidence already found in scope, or null. */
export function findAttachment(
  evidence: Pick<EvidenceDoc, "_id">,
  attachmentId: string,
): Promise<AttachmentDoc | null> {
  return Attachment.findOne({ _id: attachmentId, evidenceId: evidence._id }).lean<AttachmentDoc>();
}
