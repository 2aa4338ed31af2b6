import { conflict, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { DecisionChainHead, DecisionEntry, type DecisionEntryDoc } from "../models/decisionEntry";
import { decisionHeadId, entryHash, GENESIS } from "../queries/decisionChain";

/** What happened, as the decision record states it. */
export type DecisionKind =
  | "judgement"
  | "outcome"
  | "decision"
  | "moderation"
  | "release"
  | "mark_change"
  | "ratification"
  | "reversal"
  | "revocation"
  | "allocation";

/** One event to append: the course, the person and role, the subject, before → after, and why. */
export interface DecisionEvent {
  tenantId: string;
  contextId: string;
  kind: DecisionKind;
  actor: Pick<Actor, "userId" | "name" | "roles">;
  subject: string;
  mentorUserId?: string | null;
  roundId?: string | null;
  before?: string | null;
  after?: string | null;
  reason?: string | null;
  at?: Date;
  /**
   * Names the event when the document it records owes the entry (a pending entry a sweep may
   * append again): an event whose key is already in the chain is not appended twice.
   */
  eventKey?: string;
}

/** The role an actor acted in, for the record: the most senior one they hold. */
function roleOf(actor: Pick<Actor, "roles">): string {
  for (const r of ["lead", "tutor", "leadMentor", "mentor"] as const)
    if (actor.roles.includes(r)) return r === "lead" ? "programme lead" : r === "leadMentor" ? "lead mentor" : r;
  return actor.roles[0] ?? "unknown";
}

/**
 * Appends an event to the course's chain. The entry is inserted at the head's next position
 * (unique per course, so two appends on one head cannot both land: the loser reads the new head
 * and tries again); then the head moves forward with a conditional update on the position it
 * had. A head left behind by a crash is caught up from the entries before appending. An event
 * with an `eventKey` already in the chain is not appended again (a sweep finishing what a
 * request began); the keyed appends of one event are the request's and, after a grace, a sweep's.
 */
export async function appendDecision(event: DecisionEvent): Promise<DecisionEntryDoc> {
  const _id = decisionHeadId(event.tenantId, event.contextId);
  await DecisionChainHead.updateOne({ _id }, { $setOnInsert: { seq: 0, hash: GENESIS } }, { upsert: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    if (event.eventKey) {
      const already = await DecisionEntry.findOne({
        tenantId: event.tenantId,
        contextId: event.contextId,
        eventKey: event.eventKey,
      }).lean<DecisionEntryDoc>();
      if (already) return already;
    }
    const head = (await DecisionChainHead.findById(_id).lean())!;
    const fields = {
      tenantId: event.tenantId,
      contextId: event.contextId,
      seq: head.seq + 1,
      kind: event.kind,
      actorUserId: event.actor.userId,
      actorName: event.actor.name,
      actorRole: roleOf(event.actor),
      at: event.at ?? new Date(),
      mentorUserId: event.mentorUserId ?? null,
      roundId: event.roundId ?? null,
      subject: event.subject,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
      prevHash: head.hash,
    };
    const hash = entryHash(fields);
    try {
      const doc = await DecisionEntry.create({ ...fields, hash, eventKey: event.eventKey ?? null });
      await DecisionChainHead.updateOne({ _id, seq: head.seq }, { $set: { seq: fields.seq, hash } });
      return doc.toObject() as DecisionEntryDoc;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Someone else took this position: move the head to their entry (if it still lags) and retry.
      const taken = await DecisionEntry.findOne(
        { tenantId: event.tenantId, contextId: event.contextId, seq: fields.seq },
        { hash: 1, seq: 1 },
      ).lean();
      if (taken)
        await DecisionChainHead.updateOne({ _id, seq: head.seq }, { $set: { seq: taken.seq, hash: taken.hash } });
    }
  }
  // Contention, not a fault: the person's request may simply be tried again.
  throw conflict(
    "Many decisions were being recorded in this course at the same moment, so yours could not be added to the decision record. Please try again.",
  );
}
