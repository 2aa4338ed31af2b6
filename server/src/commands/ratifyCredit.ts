import { conflict } from "../errors";
import { queueGrade } from "./queueGrade";
import { recordCreditDecision } from "./creditDecision";
import type { CreditAwardWithHistory } from "../queries/creditReads";

/** The gradebook column the credit rule is reported in. */
export function creditLineItem(award: { ruleCode: string; credits: number }) {
  return {
    resourceId: `credit:${award.ruleCode}`,
    label: `M-level credit (${award.credits} credits)`,
    scoreMaximum: award.credits,
  };
}

/**
 * Queues the credit's gradebook score for a ledger line. The line's id is the dedupe key, so a
 * retry never sends the same decision twice.
 */
export async function queueCreditGrade(props: {
  award: CreditAwardWithHistory["award"];
  line: { _id: unknown; recordedAt: Date };
  score: { scoreGiven: number; comment: string; gradedBy: string };
}): Promise<void> {
  const { award, line, score } = props;
  await queueGrade({
    dedupeKey: `credit-line:${String(line._id)}`,
    tenantId: award.tenantId,
    contextId: award.contextId,
    mentorUserId: award.mentorUserId,
    source: { kind: "credit", id: award._id.toString() },
    lineItem: creditLineItem(award),
    ...score,
    gradedAt: line.recordedAt,
  });
}

/**
 * Ratifies a provisional award (the exam board's decision) as a new ledger line, then queues
 * the credit for the LMS gradebook. Only a provisional award can be ratified.
 */
export async function ratifyCredit(p: {
  current: CreditAwardWithHistory;
  ratifiedBy: string;
  note: string | null;
  board: { date: string; reference: string };
}): Promise<void> {
  if (p.current.status !== "provisional") throw conflict(`This credit is already ${p.current.status}.`);
  const line = await recordCreditDecision({
    current: p.current,
    kind: "ratification",
    deltas: { provisionalDelta: -1, ratifiedDelta: 1, reversedDelta: 0 },
    reason: p.note,
    board: p.board,
    recordedBy: p.ratifiedBy,
  });
  const { award } = p.current;
  await queueCreditGrade({
    award,
    line,
    score: {
      scoreGiven: award.credits,
      comment: `Ratified: ${award.credits} credits at FHEQ level ${award.fheqLevel}.`,
      gradedBy: p.ratifiedBy,
    },
  });
}
