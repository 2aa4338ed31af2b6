import type { TCertificate, TPublicVerification } from "../contracts/certificates";
import { holderIdentityNote } from "../documents/openBadge";
import { verificationUrls } from "../documents/urls";
import type { CertificateDoc } from "../models/certificate";

/** A certificate for its holder and the course's staff. */
export function presentCertificate(c: CertificateDoc, publicUrl: string): TCertificate {
  return {
    id: c._id.toString(),
    mentor: { userId: c.mentorUserId, name: c.mentorName },
    qualification: { code: c.qualificationCode, title: c.qualificationTitle },
    programme: { code: c.programmeCode, title: c.programmeTitle, version: c.programmeVersion },
    partnership: c.partnership,
    route: c.route === "prior_learning" ? "prior_learning" : "standard",
    credits: c.credits ?? null,
    fheqLevel: c.fheqLevel ?? null,
    portfolio: { id: c.portfolioId, versionId: c.versionId, versionNumber: c.versionNumber },
    approvedAt: c.approvedAt.toISOString(),
    issuedAt: c.issuedAt.toISOString(),
    verificationCode: c.verificationCode,
    verificationUrl: verificationUrls(publicUrl, c.verificationCode).page,
    status: c.revokedAt ? "revoked" : "valid",
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    revocationReason: c.revocationReason ?? null,
    badgeIdentityNote: holderIdentityNote(c),
  };
}

/**
 * What anyone holding the code may learn, no more than a verifier needs: the holder's name, the
 * award (qualification, its credit, the awarding partnership), the date and whether it stands.
 * No ids, no programme details, no reason for a revocation (that may be personal), no portfolio.
 */
export function presentPublicVerification(c: CertificateDoc): TPublicVerification {
  return {
    verificationCode: c.verificationCode,
    status: c.revokedAt ? "revoked" : "valid",
    mentorName: c.mentorName,
    qualificationTitle: c.qualificationTitle,
    partnership: c.partnership,
    credits: c.credits ?? null,
    fheqLevel: c.fheqLevel ?? null,
    issuedOn: c.approvedAt.toISOString().slice(0, 10),
    revokedOn: c.revokedAt ? c.revokedAt.toISOString().slice(0, 10) : null,
    ...(c.route === "prior_learning" ? { awardedThrough: "prior_learning" as const } : {}),
  };
}
