import { conflict } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { Certificate, type CertificateDoc } from "../models/certificate";
import { CreditLedgerEntry, type CreditLedgerEntryDoc } from "../models/creditLedgerEntry";
import { tellMentor } from "./tellMentor";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { loadCreditAward } from "../queries/creditReads";
import { appendDecision } from "./decisionRecord";
import { reverseCredit } from "./reverseCredit";
import { longDate } from "../documents/urls";

/**
 * Revokes a certificate for good, end to end: the certificate (its public verification and its
 * badge's status list bit say so at once), the credit line it earned (a reversal line), the
 * decision record, and a notice to the mentor. Only a certificate not yet revoked is updated, so
 * of two leads pressing the button together one revokes it and the other is told it is already
 * revoked. The follow-ups are each idempotent.
 */
export async function revokeCertificate(p: {
  certificate: CertificateDoc;
  actor: Actor;
  reason: string;
}): Promise<CertificateDoc> {
  const revokedAt = new Date();
  const updated = await Certificate.findOneAndUpdate(
    { _id: p.certificate._id, revokedAt: null },
    { $set: { revokedAt, revokedBy: p.actor.userId, revocationReason: p.reason } },
    { new: true },
  ).lean<CertificateDoc>();
  if (!updated) throw conflict("This certificate has already been revoked.");
  const scope = { tenantId: updated.tenantId, contextId: updated.contextId };
  await appendDecision({
    ...scope,
    kind: "revocation",
    actor: p.actor,
    subject: `certificate:${updated._id.toString()}`,
    mentorUserId: updated.mentorUserId,
    before: `issued (${updated.verificationCode})`,
    after: "revoked",
    reason: p.reason,
    at: revokedAt,
  });
  if (updated.credits) {
    const awards = await CreditLedgerEntry.find(
      { ...scope, mentorUserId: updated.mentorUserId, qualificationCode: updated.qualificationCode, kind: "award" },
      { _id: 1 },
    ).lean<CreditLedgerEntryDoc[]>();
    for (const a of awards) {
      const current = await loadCreditAward(scope, a._id.toString());
      if (current.status === "reversed") continue;
      await reverseCredit({
        current,
        reversedBy: p.actor.userId,
        reason: `Certificate ${updated.verificationCode} revoked: ${p.reason}`,
      });
      await appendDecision({
        ...scope,
        kind: "reversal",
        actor: p.actor,
        subject: `credit:${a._id.toString()}`,
        mentorUserId: updated.mentorUserId,
        before: current.status,
        after: "reversed",
        reason: `certificate revoked: ${p.reason}`,
      });
    }
  }
  await tellMentor({
    ...scope,
    mentorUserId: updated.mentorUserId,
    key: `revoked:${updated._id.toString()}`,
    kind: "certificate_revoked",
    title: `Your ${updated.qualificationTitle} certificate was revoked`,
    body: `On ${longDate(revokedAt)} the programme lead revoked certificate ${updated.verificationCode}. Reason: ${p.reason}${updated.credits ? " Its credit has been reversed." : ""}`,
    link: "/credentials",
    at: revokedAt,
  });
  await refreshMentorFigures({ course: p.certificate, mentorUserId: p.certificate.mentorUserId });
  return updated;
}
