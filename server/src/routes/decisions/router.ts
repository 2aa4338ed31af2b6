import { Router } from "express";
import { ZDecisionChainCheck, ZDecisionList, ZDecisionListQuery, type TDecisionEntry } from "../../contracts/decisions";
import { verifyDecisionChain } from "../../commands/decisionRecord";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { DecisionEntry, type DecisionEntryDoc } from "../../models/decisionEntry";
import { courseScope, isLead } from "../../policies/scope";

function authorizeReading(actor: Actor): void {
  if (!isLead(actor)) throw forbidden("Only the programme lead reads the decision record.");
}

function presentEntry(e: DecisionEntryDoc): TDecisionEntry {
  return {
    seq: e.seq,
    kind: e.kind,
    at: e.at.toISOString(),
    actor: { userId: e.actorUserId, name: e.actorName, role: e.actorRole },
    subject: e.subject,
    mentorUserId: e.mentorUserId ?? null,
    roundId: e.roundId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason ?? null,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** /api/decisions — the course's tamper-evident decision record: per mentor or round, CSV, and its check. */
export function decisionsRouter(): Router {
  const router = Router();
  const list = { query: ZDecisionListQuery };

  const entriesFor = async (actor: Actor, q: { mentorUserId?: string; roundId?: string }) => {
    const filter: Record<string, unknown> = { ...courseScope(actor) };
    if (q.mentorUserId) filter.mentorUserId = q.mentorUserId;
    if (q.roundId) filter.roundId = q.roundId;
    return DecisionEntry.find(filter).sort({ seq: 1 }).lean<DecisionEntryDoc[]>();
  };

  router.get("/", validate(list), handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeReading(actor);
    res.json(ZDecisionList.parse({ entries: (await entriesFor(actor, inputOf(req, list).query)).map(presentEntry) }));
  }));

  router.get("/export.csv", validate(list), handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeReading(actor);
    const header = ["seq", "at", "kind", "actor", "actor user id", "role", "mentor user id", "round id", "subject", "before", "after", "reason", "previous hash", "hash"];
    const rows = (await entriesFor(actor, inputOf(req, list).query)).map((e) =>
      [e.seq, e.at.toISOString(), e.kind, e.actorName, e.actorUserId, e.actorRole, e.mentorUserId, e.roundId, e.subject, e.before, e.after, e.reason, e.prevHash, e.hash].map(csvCell).join(","),
    );
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", 'attachment; filename="decision-record.csv"');
    res.setHeader("Cache-Control", "no-store");
    res.send([header.join(","), ...rows].join("\r\n") + "\r\n");
  }));

  router.get("/verify", handle(async (req, res) => {
    const actor = actorOf(req);
    authorizeReading(actor);
    res.json(ZDecisionChainCheck.parse(await verifyDecisionChain(courseScope(actor))));
  }));
  return router;
}
