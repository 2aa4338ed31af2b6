import type { Router } from "express";
import { decisionsEndpoints, type TDecisionEntry } from "../../contracts/decisions";
import { verifyDecisionChain } from "../../queries/decisionChain";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import type { DecisionEntryDoc } from "../../models/decisionEntry";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { decisionEntries } from "../../queries/decisionEntries";

const authorizeReading = (actor: Actor) => authorize(actor, "read", "DecisionRecord");

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
  const { router, implement } = endpointRouter("/api/decisions");

  implement(decisionsEndpoints.list, {
    policy: authorizeReading,
    handler: async ({ actor, input: { query } }) => ({
      entries: (await decisionEntries(actor, query)).map(presentEntry),
    }),
  });

  implement(decisionsEndpoints.exportCsv, {
    policy: authorizeReading,
    handler: async ({ actor, res, input: { query } }) => {
      const header = [
        "seq",
        "at",
        "kind",
        "actor",
        "actor user id",
        "role",
        "mentor user id",
        "round id",
        "subject",
        "before",
        "after",
        "reason",
        "previous hash",
        "hash",
      ];
      const rows = (await decisionEntries(actor, query)).map((e) =>
        [
          e.seq,
          e.at.toISOString(),
          e.kind,
          e.actorName,
          e.actorUserId,
          e.actorRole,
          e.mentorUserId,
          e.roundId,
          e.subject,
          e.before,
          e.after,
          e.reason,
          e.prevHash,
          e.hash,
        ]
          .map(csvCell)
          .join(","),
      );
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", 'attachment; filename="decision-record.csv"');
      res.setHeader("Cache-Control", "no-store");
      res.send([header.join(","), ...rows].join("\r\n") + "\r\n");
    },
  });

  implement(decisionsEndpoints.verify, {
    policy: authorizeReading,
    handler: async ({ actor }) => verifyDecisionChain(courseScope(actor)),
  });
  return router;
}
