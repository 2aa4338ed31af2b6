import type { Router } from "express";
import { loadCreditAward, streamCreditAwards } from "../../queries/creditReads";
import { ratifyCredit } from "../../commands/ratifyCredit";
import { reverseCredit } from "../../commands/reverseCredit";
import { creditsEndpoints } from "../../contracts/credits";
import { endpointRouter } from "../../http/endpoint";
import { rememberReads } from "../../http/rememberReads";
import type { Actor } from "../../lti/sessionToken";
import { authorize, matchesNothing, scopeFor } from "../../policies";
import { courseScope } from "../../policies/scope";
import { presentCreditAward } from "../../presenters/credit";
import { appendDecision } from "../../commands/decisionRecord";
import type { CreditAwardWithHistory } from "../../queries/creditReads";
import { streamTranscriptCsv } from "./transcriptCsv";

/** Where a credit decision sits in the decision record. */
const creditRecord = ({ award }: CreditAwardWithHistory) => ({
  tenantId: award.tenantId,
  contextId: award.contextId,
  subject: `credit:${award._id.toString()}`,
  mentorUserId: award.mentorUserId,
});

const MAX_LISTED = 1000;

/** The credit awards the actor may read: the course's for staff, their own for anyone else (others' are not found). */
// (loadCreditAward and streamCreditAwards take the scope as a plain filter.)
const readableCredits = (actor: Actor) =>
  (scopeFor(actor, "read", "Credit") ?? matchesNothing(actor)) as Record<string, string>;

/** An award the actor may read (else 404), on which they may take the exam board's decision (else 403). */
async function awardToDecide(actor: Actor, awardId: string, action: "ratify" | "reverse") {
  const current = await loadCreditAward(readableCredits(actor), awardId);
  authorize(actor, action, "Credit", current.award);
  return current;
}

/**
 * /api/credits — the credit ledger: awards with their state for staff (a mentor sees their own),
 * ratification and reversal by the programme lead, and the registry's transcript CSV.
 */
export function creditsRouter(): Router {
  const { router, implement } = endpointRouter("/api/credits");

  implement(creditsEndpoints.list, {
    middleware: [rememberReads("course")],
    policy: (actor) => readableCredits(actor),
    handler: async ({ allowed: scope, input: { query } }) => {
      const awards = [];
      for await (const award of streamCreditAwards(scope, query)) {
        awards.push(presentCreditAward(award));
        if (awards.length >= MAX_LISTED) break;
      }
      return { awards };
    },
  });

  implement(creditsEndpoints.transcript, {
    policy: (actor) => authorize(actor, "view", "ProgrammeReports"),
    handler: async ({ actor, res, input: { query } }) => {
      await streamTranscriptCsv(res, courseScope(actor), query);
    },
  });

  implement(creditsEndpoints.award, {
    policy: (actor) => readableCredits(actor),
    handler: async ({ allowed: scope, input: { params } }) =>
      presentCreditAward(await loadCreditAward(scope, params.awardId)),
  });

  implement(creditsEndpoints.ratify, {
    policy: (actor, { params }) => awardToDecide(actor, params.awardId, "ratify"),
    handler: async ({ actor, allowed: current, input: { params, body } }) => {
      await ratifyCredit({
        current,
        ratifiedBy: actor.userId,
        note: body.note || null,
        board: { date: body.boardDate, reference: body.boardReference },
      });
      await appendDecision({
        ...creditRecord(current),
        actor,
        kind: "ratification",
        before: current.status,
        after: "ratified",
        reason: `exam board ${body.boardDate} ${body.boardReference}${body.note ? `: ${body.note}` : ""}`,
      });
      return presentCreditAward(await loadCreditAward(readableCredits(actor), params.awardId));
    },
  });

  implement(creditsEndpoints.reverse, {
    policy: (actor, { params }) => awardToDecide(actor, params.awardId, "reverse"),
    handler: async ({ actor, allowed: current, input: { params, body } }) => {
      await reverseCredit({ current, reversedBy: actor.userId, reason: body.reason });
      await appendDecision({
        ...creditRecord(current),
        actor,
        kind: "reversal",
        before: current.status,
        after: "reversed",
        reason: body.reason,
      });
      return presentCreditAward(await loadCreditAward(readableCredits(actor), params.awardId));
    },
  });
  return router;
}
