import { Router } from "express";
import { loadCreditAward, streamCreditAwards } from "../../queries/creditReads";
import { ratifyCredit } from "../../commands/ratifyCredit";
import { reverseCredit } from "../../commands/reverseCredit";
import { ZCreditAwardParams, ZCreditListQuery, ZCreditRatify, ZCreditReverse } from "../../contracts/credits";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { rememberReads } from "../../http/rememberReads";
import { inputOf, validate } from "../../http/validate";
import { authorizeDecideCredit, authorizeProgrammeReports, creditScope } from "../../policies/credit";
import { courseScope } from "../../policies/scope";
import { presentCreditAward } from "../../presenters/credit";
import { appendDecision } from "../../commands/decisionRecord";
import type { CreditAwardWithHistory } from "../../queries/creditReads";

/** Where a credit decision sits in the decision record. */
const creditRecord = ({ award }: CreditAwardWithHistory) => ({ tenantId: award.tenantId, contextId: award.contextId, subject: `credit:${award._id.toString()}`, mentorUserId: award.mentorUserId });
import { streamTranscriptCsv } from "./transcriptCsv";

const MAX_LISTED = 1000;

/**
 * /api/credits — the credit ledger: awards with their state for staff (a mentor sees their own),
 * ratification and reversal by the programme lead, and the registry's transcript CSV.
 */
export function creditsRouter(): Router {
  const router = Router();
  const list = { query: ZCreditListQuery };
  const one = { params: ZCreditAwardParams };

  router.get(
    "/",
    validate(list),
    rememberReads("course"),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const awards = [];
      for await (const award of streamCreditAwards(creditScope(actor), inputOf(req, list).query)) {
        awards.push(presentCreditAward(award));
        if (awards.length >= MAX_LISTED) break;
      }
      res.json({ awards });
    }),
  );

  router.get(
    "/transcript.csv",
    validate(list),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeProgrammeReports(actor);
      await streamTranscriptCsv(res, courseScope(actor), inputOf(req, list).query);
    }),
  );

  router.get(
    "/:awardId",
    validate(one),
    handle(async (req, res) => {
      const actor = actorOf(req);
      res.json(presentCreditAward(await loadCreditAward(creditScope(actor), inputOf(req, one).params.awardId)));
    }),
  );

  const ratify = { params: ZCreditAwardParams, body: ZCreditRatify };
  router.post(
    "/:awardId/ratify",
    validate(ratify),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, body } = inputOf(req, ratify);
      const current = await loadCreditAward(creditScope(actor), params.awardId);
      authorizeDecideCredit(actor, "ratify", current.award);
      await ratifyCredit({ current, ratifiedBy: actor.userId, note: body.note || null, board: { date: body.boardDate, reference: body.boardReference } });
      await appendDecision({ ...creditRecord(current), actor, kind: "ratification", before: current.status, after: "ratified", reason: `exam board ${body.boardDate} ${body.boardReference}${body.note ? `: ${body.note}` : ""}` });
      res.json(presentCreditAward(await loadCreditAward(creditScope(actor), params.awardId)));
    }),
  );

  const reverse = { params: ZCreditAwardParams, body: ZCreditReverse };
  router.post(
    "/:awardId/reverse",
    validate(reverse),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, body } = inputOf(req, reverse);
      const current = await loadCreditAward(creditScope(actor), params.awardId);
      authorizeDecideCredit(actor, "reverse", current.award);
      await reverseCredit({ current, reversedBy: actor.userId, reason: body.reason });
      await appendDecision({ ...creditRecord(current), actor, kind: "reversal", before: current.status, after: "reversed", reason: body.reason });
      res.json(presentCreditAward(await loadCreditAward(creditScope(actor), params.awardId)));
    }),
  );
  return router;
}
