import { notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Certificate, type CertificateDoc } from "../models/certificate";
import { matchesNothing, scopeFor } from "../policies";

/** The certificates the actor may read: the course's for staff, their own for anyone else. */
const readableCertificates = (actor: Actor): Record<string, unknown> =>
  scopeFor(actor, "read", "Certificate") ?? matchesNothing(actor);

/** The certificates the actor may read, newest first, filtered; a mentor's filter by mentor is their own anyway. */
export async function listCertificates(
  actor: Actor,
  query: { mentorUserId?: string; qualificationCode?: string; status?: "valid" | "revoked" },
): Promise<CertificateDoc[]> {
  const filter = { ...readableCertificates(actor) };
  if (query.mentorUserId && !("mentorUserId" in filter)) filter.mentorUserId = query.mentorUserId;
  if (query.qualificationCode) filter.qualificationCode = query.qualificationCode;
  if (query.status) filter.revokedAt = query.status === "revoked" ? { $ne: null } : null;
  return Certificate.find(filter).sort({ issuedAt: -1 }).limit(500).lean<CertificateDoc[]>();
}

/** A certificate the actor may read, or 404 (another's is not found, not forbidden). */
export async function loadCertificate(actor: Actor, certificateId: string): Promise<CertificateDoc> {
  const cert = await Certificate.findOne({ ...readableCertificates(actor), _id: certificateId }).lean<CertificateDoc>();
  if (!cert) throw notFound("That certificate");
  return cert;
}
