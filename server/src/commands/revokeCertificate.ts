import { conflict } from "../errors";
import { Certificate, type CertificateDoc } from "../models/certificate";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/**
 * Revokes a certificate for good. Only a certificate not yet revoked is updated, so of two leads
 * pressing the button together one revokes it and the other is told it is already revoked.
 * Verification shows it at once.
 */
export async function revokeCertificate(p: { certificate: CertificateDoc; revokedBy: string; reason: string }): Promise<CertificateDoc> {
  const updated = await Certificate.findOneAndUpdate(
    { _id: p.certificate._id, revokedAt: null },
    { $set: { revokedAt: new Date(), revokedBy: p.revokedBy, revocationReason: p.reason } },
    { new: true },
  ).lean<CertificateDoc>();
  if (!updated) throw conflict("This certificate has already been revoked.");
  await refreshMentorFigures(p.certificate, p.certificate.mentorUserId);
  return updated;
}
