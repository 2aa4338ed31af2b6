import { conflict, isDuplicateKeyError } from "../errors";
import { CreditLedgerEntry, type CreditLedgerEntryDoc } from "../models/creditLedgerEntry";
import type { CreditAwardWithHistory } from "../queries/creditReads";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/** The ledger key of the follow-up line at position `seq` on an award. */
export const followUpKey = (awardId: string, seq: number) => `follow|${awardId}|${seq}`;

/**
 * Appends a decision (ratification or reversal) to an award as a new ledger line. Its key holds
 * the award and the position after the lines the caller saw, so of two decisions taken on the
 * same state only one lands; the other is a 409 and nothing is written.
 */
export async function recordCreditDecision(p: {
  current: CreditAwardWithHistory;
  kind: "ratification" | "reversal";
  deltas: { provisionalDelta: number; ratifiedDelta: number; reversedDelta: number };
  reason: string | null;
  recordedBy: string;
  /** A ratification's exam board date and reference. */
  board?: { date: string; reference: string };
}): Promise<CreditLedgerEntryDoc> {
  const { award, followUps } = p.current;
  const seq = followUps.length + 1;
  const copied = {
    tenantId: award.tenantId,
    contextId: award.contextId,
    awardId: award._id,
    mentorUserId: award.mentorUserId,
    mentorName: award.mentorName,
    ruleCode: award.ruleCode,
    transcriptCode: award.transcriptCode,
    qualificationCode: award.qualificationCode,
    programmeCode: award.programmeCode,
    programmeVersion: award.programmeVersion,
    programmeVersionId: award.programmeVersionId,
    credits: award.credits,
    fheqLevel: award.fheqLevel,
  };
  try {
    const doc = await CreditLedgerEntry.create({
      ...copied,
      ...p.deltas,
      key: followUpKey(award._id.toString(), seq),
      kind: p.kind,
      seq,
      reason: p.reason,
      ...(p.board ? { boardDate: p.board.date, boardReference: p.board.reference } : {}),
      recordedBy: p.recordedBy,
      recordedAt: new Date(),
    });
    await refreshMentorFigures({ course: award, mentorUserId: award.mentorUserId });
    return doc.toObject() as CreditLedgerEntryDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict("Someone has just recorded a decision on this credit. Please reload to see it.");
    throw err;
  }
}
