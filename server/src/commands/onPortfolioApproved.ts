import { awardCreditsIfEligible } from "./creditAwarder";
import { issueCertificate } from "./issueCertificate";
import { tellMentor } from "./tellMentor";
import { longDate } from "../documents/urls";

/** An approved panel outcome for one portfolio version, as the panel reports it. */
export interface PortfolioApproval {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  qualificationCode: string;
  portfolioId: string;
  versionId: string;
  versionNumber: number;
  approvedBy: string;
  approvedAt: Date;
  /** When the programme lead released the outcome: the certificate's date. */
  releasedAt?: Date | null;
}

/**
 * What follows a panel approval: the certificate (whose Open Badge is derived from it), the
 * mentor's notice of it and, if the credit rule is now met, the provisional credit award.
 * Idempotent per portfolio version, so the panel may call it again after a crash or a retry.
 */
export async function onPortfolioApproved(p: PortfolioApproval): Promise<void> {
  const { certificate } = await issueCertificate(p);
  // Told whether or not this call issued it: a repeat after a crash tells a mentor left untold, once.
  await tellMentor({
    tenantId: certificate.tenantId,
    contextId: certificate.contextId,
    mentorUserId: certificate.mentorUserId,
    key: `certificate:${certificate._id.toString()}`,
    kind: "certificate_issued",
    title: `Your ${certificate.qualificationTitle} certificate is issued`,
    body: `Certificate ${certificate.verificationCode}, dated ${longDate(certificate.issuedAt)}. Download it and its digital badge from your certificates page.`,
    link: "/credentials",
    at: certificate.issuedAt,
  });
  await awardCreditsIfEligible({ tenantId: p.tenantId, contextId: p.contextId, mentorUserId: p.mentorUserId });
}
