import type { TCreditAward } from "../contracts/credits";
import type { CreditAwardWithHistory } from "../queries/creditReads";

/** A credit award with its state and every ledger line recorded on it. */
export function presentCreditAward({ award, followUps, status }: CreditAwardWithHistory): TCreditAward {
  const line = (l: typeof award) => ({
    id: l._id.toString(),
    kind: l.kind as "award" | "ratification" | "reversal",
    recordedBy: l.recordedBy,
    recordedAt: l.recordedAt.toISOString(),
    reason: l.reason ?? null,
    boardDate: l.boardDate ?? null,
    boardReference: l.boardReference ?? null,
  });
  return {
    id: award._id.toString(),
    mentor: { userId: award.mentorUserId, name: award.mentorName },
    ruleCode: award.ruleCode,
    transcriptCode: award.transcriptCode,
    qualificationCode: award.qualificationCode,
    programme: { code: award.programmeCode, version: award.programmeVersion, versionId: award.programmeVersionId },
    credits: award.credits,
    fheqLevel: award.fheqLevel,
    awardedAt: award.recordedAt.toISOString(),
    status,
    evidence: award.evidence.map((e) => ({
      condition: e.condition,
      description: e.description,
      reference: e.reference ?? null,
      at: e.at ? e.at.toISOString() : null,
    })),
    history: [award, ...followUps].map(line),
  };
}
