import { conflict } from "../errors";
import { recordCreditDecision } from "./creditDecision";
import type { CreditAwardWithHistory } from "../queries/creditReads";
import { queueCreditGrade } from "./ratifyCredit";

/**
 * Reverses an award, provisional or ratified, as a new ledger line; the award line itself is
 * never edited. A ratified credit already in the gradebook is withdrawn there with a score of 0.
 */
export async function reverseCredit(p: {
  current: CreditAwardWithHistory;
  reversedBy: string;
  reason: string;
}): Promise<void> {
  const { status, award } = p.current;
  if (status === "reversed") throw conflict("This credit has already been reversed.");
  const wasRatified = status === "ratified";
  const line = await recordCreditDecision({
    current: p.current,
    kind: "reversal",
    deltas: { provisionalDelta: wasRatified ? 0 : -1, ratifiedDelta: wasRatified ? -1 : 0, reversedDelta: 1 },
    reason: p.reason,
    recordedBy: p.reversedBy,
  });
  if (!wasRatified) return;
  await queueCreditGrade({
    award,
    line,
    score: { scoreGiven: 0, comment: `Credit reversed: ${p.reason}`, gradedBy: p.reversedBy },
  });
}
