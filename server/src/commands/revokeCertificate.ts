import { claimOnce } from "../db/exclusive";
import { conflict } from "../errors";
import { Certificate, type CertificateDoc } from "../models/certificate";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/**
 * Revokes a certificate for good. The claim makes the revocation happen once even if two leads
 * press the button together; the loser is told it is already revoked. Verification shows it at once.
 */
export async function revokeCertificate(p: { certificate: CertificateDoc; revokedBy: string; reason: string }): Promise<CertificateDoc> {
  const id = p.certificate._id.toString();
  if (p.certificate.revokedAt || !(await claimOnce(`certificate-revocation:${id}`))) {
    throw conflict("This certificate has already been revoked.");
  }
  const updated = await Certificate.findOneAndUpdate(
    { _id: p.certificate._id },
    { $set: { revokedAt: new Date(), revokedBy: p.revokedBy, revocationReason: p.reason } },
    { new: true },
  ).lean<CertificateDoc>();
  await refreshMentorFigures(p.certificate, p.certificate.mentorUserId);
  return updated!;
}
