import crypto from "node:crypto";
import { DecisionChainHead, DecisionEntry, type DecisionEntryDoc } from "../models/decisionEntry";

/** The genesis hash every course's chain starts from. */
export const GENESIS = "0".repeat(64);

/** An entry's content: everything but its own hash. */
export type EntryContent = {
  tenantId: string;
  contextId: string;
  seq: number;
  kind: string;
  actorUserId: string;
  actorName: string;
  actorRole: string;
  at: Date;
  mentorUserId?: string | null;
  roundId?: string | null;
  subject: string;
  before?: string | null;
  after?: string | null;
  reason?: string | null;
  prevHash: string;
};

/** The fields an entry's hash covers, in a fixed order (canonical JSON: keys sorted, ISO dates). */
function canonicalContent(e: EntryContent): string {
  const content: Record<string, unknown> = {
    actorName: e.actorName,
    actorRole: e.actorRole,
    actorUserId: e.actorUserId,
    after: e.after ?? null,
    at: new Date(e.at).toISOString(),
    before: e.before ?? null,
    contextId: e.contextId,
    kind: e.kind,
    mentorUserId: e.mentorUserId ?? null,
    prevHash: e.prevHash,
    reason: e.reason ?? null,
    roundId: e.roundId ?? null,
    seq: e.seq,
    subject: e.subject,
    tenantId: e.tenantId,
  };
  return JSON.stringify(content, Object.keys(content).sort());
}

/** SHA-256 (hex) of an entry's canonical content, which includes the previous entry's hash. */
export function entryHash(e: EntryContent): string {
  return crypto.createHash("sha256").update(canonicalContent(e)).digest("hex");
}

/** The id of a course's chain head. */
export const decisionHeadId = (tenantId: string, contextId: string) => `${tenantId}|${contextId}`;

/** A break in a course's chain, for the person checking it. */
export interface ChainProblem {
  seq: number;
  problem: string;
}

/**
 * Re-reads a course's whole chain in order and checks every entry: its hash matches its content,
 * it names the previous entry's hash, no position is missing, and the head agrees with the last.
 */
export async function verifyDecisionChain(course: {
  tenantId: string;
  contextId: string;
}): Promise<{ entries: number; isIntact: boolean; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let expectedPrev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const cursor = DecisionEntry.find({ tenantId: course.tenantId, contextId: course.contextId })
    .sort({ seq: 1 })
    .lean<DecisionEntryDoc[]>()
    .cursor();
  for await (const e of cursor) {
    count++;
    if (e.seq !== expectedSeq)
      problems.push({ seq: expectedSeq, problem: `entries ${expectedSeq} to ${e.seq - 1} are missing` });
    if (e.prevHash !== expectedPrev)
      problems.push({ seq: e.seq, problem: "does not follow the entry before it (previous hash differs)" });
    const { _id, hash, ...content } = e;
    void _id;
    if (entryHash(content) !== hash)
      problems.push({ seq: e.seq, problem: "its content has been changed since it was recorded (hash differs)" });
    expectedPrev = hash;
    expectedSeq = e.seq + 1;
  }
  const head = await DecisionChainHead.findById(decisionHeadId(course.tenantId, course.contextId)).lean();
  if (head && head.seq !== expectedSeq - 1)
    problems.push({
      seq: head.seq,
      problem: `the record should end at entry ${head.seq} but ends at ${expectedSeq - 1}`,
    });
  else if (head && head.seq > 0 && head.hash !== expectedPrev)
    problems.push({ seq: head.seq, problem: "the last entry is not the one the record ended with" });
  return { entries: count, isIntact: problems.length === 0, problems };
}
