import { awardCreditsIfEligible } from "./creditAwarder";
import { issueCertificate } from "./issueCertificate";

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
 * What follows a panel approval: the certificate (whose Open Badge is derived from it) and,
 * if the credit rule is now met, the provisional credit award. Idempotent per portfolio
 * version, so the panel may call it again after a crash or a retry.
 */
export async function onPortfolioApproved(p: PortfolioApproval): Promise<void> {
  await issueCertificate(p);
  await awardCreditsIfEligible({ tenantId: p.tenantId, contextId: p.contextId, mentorUserId: p.mentorUserId });
}
