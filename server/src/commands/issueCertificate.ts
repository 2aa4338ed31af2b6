import crypto from "node:crypto";
import { isValidObjectId } from "mongoose";
import { holderIdentityAtIssue } from "../documents/holderIdentity";
import { internalError, isDuplicateKeyError, notFound } from "../errors";
import { Certificate, type CertificateDoc } from "../models/certificate";
import { Member } from "../models/member";
import { PortfolioVersion } from "../models/portfolioVersion";
import { programmeInForce } from "../queries/programmeInForce";
import type { PortfolioApproval } from "./onPortfolioApproved";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { allocateStatusListSlot } from "./statusList";

// No 0/O, 1/I/L or U, so a code read aloud or retyped from paper survives.
const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A fresh verification code like "MP-7K3Q-9XWD-2HFA" (about 59 bits of randomness). */
export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(12);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return `MP-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * Issues the certificate for an approved portfolio version, copying in what it states. Idempotent
 * per portfolio version: a repeat (or a racing duplicate) returns the certificate already issued.
 */
export async function issueCertificate(
  p: PortfolioApproval,
): Promise<{ certificate: CertificateDoc; created: boolean }> {
  const scope = { tenantId: p.tenantId, contextId: p.contextId };
  const existing = await Certificate.findOne({ ...scope, versionId: p.versionId }).lean<CertificateDoc>();
  if (existing) return { certificate: existing, created: false };

  const programme = await programmeInForce(p.tenantId, p.contextId);
  const def = programme.definition;
  const qualification = def.qualifications.find((q) => q.code === p.qualificationCode);
  if (!qualification) throw notFound(`Qualification ${p.qualificationCode}`);
  const member = await Member.findOne({ ...scope, userId: p.mentorUserId }, { name: 1, email: 1 }).lean();
  // Through the prior-learning route the certificate carries credit only where the route earns it
  // (as it stood when the mentor submitted); by default it does not.
  const version = isValidObjectId(p.versionId)
    ? await PortfolioVersion.findOne({ ...scope, _id: p.versionId }, { priorLearning: 1, priorLearningRoute: 1 }).lean()
    : null;
  const isPriorLearning = !!version?.priorLearning;
  const carriesCredit =
    def.creditRule.requiredQualification === qualification.code &&
    (!isPriorLearning || !!version?.priorLearningRoute?.earnsCredit);

  const fields = {
    ...scope,
    mentorUserId: p.mentorUserId,
    mentorName: member?.name ?? p.mentorUserId,
    // The badge names the holder by a salted hash of the email the LMS gave, fixed at issue.
    ...holderIdentityAtIssue(member?.email),
    qualificationCode: qualification.code,
    qualificationTitle: qualification.title,
    qualificationSummary: qualification.summary,
    programmeCode: programme.code,
    programmeTitle: def.title,
    programmeVersion: programme.version,
    programmeVersionId: programme.versionId,
    partnership: def.partnership,
    standards: def.standards.map((s) => ({ code: s.code, title: s.title })),
    route: isPriorLearning ? "prior_learning" : "standard",
    credits: carriesCredit ? def.creditRule.credits : null,
    fheqLevel: carriesCredit ? def.creditRule.fheqLevel : null,
    portfolioId: p.portfolioId,
    versionId: p.versionId,
    versionNumber: p.versionNumber,
    approvedBy: p.approvedBy,
    approvedAt: p.approvedAt,
    // The certificate carries the day the outcome was released to the mentor.
    issuedAt: p.releasedAt ?? new Date(),
  };
  // Retry only for the (vanishingly rare) clash of a random verification code.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const doc = await Certificate.create({ ...fields, verificationCode: newVerificationCode() });
      await allocateStatusListSlot(doc);
      await refreshMentorFigures({ course: doc, mentorUserId: doc.mentorUserId, programme: programme.definition });
      return { certificate: doc.toObject() as CertificateDoc, created: true };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const winner = await Certificate.findOne({ ...scope, versionId: p.versionId }).lean<CertificateDoc>();
      if (winner) return { certificate: winner, created: false };
    }
  }
  // Three random codes clashing in a row means the generator or the index is broken, not bad luck.
  throw internalError("Could not allocate a unique verification code");
}
