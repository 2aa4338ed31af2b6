import { CURSOR_BATCH_SIZE } from "../db/cursorBatch";
import type { FilterQuery } from "mongoose";
import type { TCreditListQuery, TCreditStatus } from "../contracts/credits";
import { notFound } from "../errors";
import { CreditLedgerEntry, type CreditLedgerEntryDoc } from "../models/creditLedgerEntry";

/** An award line with the follow-up lines (ratification, reversal) recorded against it, in order. */
export interface CreditAwardWithHistory {
  award: CreditLedgerEntryDoc;
  followUps: CreditLedgerEntryDoc[];
  status: TCreditStatus;
}

/** The state an award is in: the latest follow-up decides it; none means provisional. */
export function creditStatusOf(followUps: readonly Pick<CreditLedgerEntryDoc, "kind" | "seq">[]): TCreditStatus {
  const last = [...followUps].sort((a, b) => a.seq - b.seq).at(-1);
  if (!last) return "provisional";
  return last.kind === "reversal" ? "reversed" : "ratified";
}

/** Loads one award inside `scope` (course, and the mentor for a mentor); 404 if not there. */
export async function loadCreditAward(scope: Record<string, string>, awardId: string): Promise<CreditAwardWithHistory> {
  const award = await CreditLedgerEntry.findOne({ ...scope, _id: awardId, kind: "award" }).lean<CreditLedgerEntryDoc>();
  if (!award) throw notFound("That credit award");
  const followUps = await CreditLedgerEntry.find({
    tenantId: award.tenantId,
    contextId: award.contextId,
    awardId: award._id,
    seq: { $gt: 0 },
  })
    .sort({ seq: 1 })
    .lean<CreditLedgerEntryDoc[]>();
  return { award, followUps, status: creditStatusOf(followUps) };
}

/** The ledger filter for award lines matching the list filters (dates are award dates, UTC). */
export function awardFilter(scope: Record<string, string>, q: TCreditListQuery): FilterQuery<CreditLedgerEntryDoc> {
  const filter: FilterQuery<CreditLedgerEntryDoc> = { ...scope, kind: "award" };
  if (q.mentorUserId && !scope.mentorUserId) filter.mentorUserId = q.mentorUserId;
  if (q.from || q.to) {
    filter.recordedAt = {
      ...(q.from ? { $gte: new Date(`${q.from}T00:00:00Z`) } : {}),
      ...(q.to ? { $lt: new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  return filter;
}

/** Only the fields a reader uses, for a long walk (each document decoded costs memory until collected). */
export interface CreditFields {
  award: Record<string, 1>;
  followUp: Record<string, 1>;
}

/**
 * Streams every award in `scope` matching the filters with its follow-ups, holding one award at
 * a time: the cursor walks the ledger ordered by award then seq, so memory stays flat however
 * long the ledger grows. With `fields`, only those fields are read (the documents then hold no
 * others; `awardId`, `seq` and `kind` are always read for the merge and the status).
 */
export async function* streamCreditAwards(
  scope: Record<string, string>,
  q: TCreditListQuery,
  fields?: CreditFields,
): AsyncGenerator<CreditAwardWithHistory> {
  const awards = CreditLedgerEntry.find(awardFilter(scope, q), fields?.award)
    .sort({ _id: 1 })
    .lean<CreditLedgerEntryDoc[]>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  // Follow-ups come from a second ordered cursor, merged by awardId (both ascending).
  const followFilter: FilterQuery<CreditLedgerEntryDoc> = { ...scope, seq: { $gt: 0 } };
  const followFields = fields ? { ...fields.followUp, awardId: 1, seq: 1, kind: 1 } : undefined;
  const follows = CreditLedgerEntry.find(followFilter, followFields)
    .sort({ awardId: 1, seq: 1 })
    .lean<CreditLedgerEntryDoc[]>()
    .cursor({ batchSize: CURSOR_BATCH_SIZE });
  try {
    let pending: CreditLedgerEntryDoc | null = await follows.next();
    for await (const award of awards) {
      const id = award._id.toString();
      const followUps: CreditLedgerEntryDoc[] = [];
      while (pending && pending.awardId.toString() < id) pending = await follows.next();
      while (pending && pending.awardId.toString() === id) {
        followUps.push(pending);
        pending = await follows.next();
      }
      const status = creditStatusOf(followUps);
      if (q.status && q.status !== status) continue;
      yield { award, followUps, status };
    }
  } finally {
    // Also reached when the consumer stops early (a full page, a client gone).
    await Promise.all([follows.close(), awards.close()]);
  }
}
