import { Router } from "express";
import { ZClaimsCsvQuery, ZClaimsQuery, ZHoursEntryCreate, ZHoursEntryParams, ZHoursQuery, ZRateBandUpdate } from "../../contracts/hours";
import { fundingClaimCsv, fundingClaimLines } from "../../commands/exportFundingClaim";
import { logTrainingHours, removeTrainingHours, schoolBands, setSchoolRateBand } from "../../commands/logTrainingHours";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../../models/trainingHoursEntry";
import { authorizeFunding, authorizeHours } from "../../policies/hours";
import { courseScope } from "../../policies/scope";
import { presentHoursLedger } from "../../presenters/hours";
import { rateBandFor } from "../../programme/funding";
import { mentorInCourse, type CourseMentor } from "../../programme/mentorInCourse";
import { programmeForCourse } from "../../programme/programmeForCourse";

async function ledgerResponse(actor: Actor, mentor: CourseMentor) {
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  const [programme, entries, bands] = await Promise.all([
    programmeForCourse(actor.tenantId, actor.contextId),
    TrainingHoursEntry.find(scope).sort({ date: -1, _id: -1 }).lean<TrainingHoursEntryDoc[]>(),
    schoolBands(actor.tenantId, actor.contextId),
  ]);
  return presentHoursLedger({ actor, mentor, programme: programme.definition, entries, band: mentor.school ? bands.get(mentor.school) ?? null : null });
}

/**
 * /api/hours — the training-hours ledger. Mentors log and read their own; tutors and leads log
 * and read for the mentors of their course; leads export funding claims per school and year.
 */
export function hoursRouter(): Router {
  const router = Router();

  router.get(
    "/",
    validate({ query: ZHoursQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { query } = inputOf(req, { query: ZHoursQuery });
      const mentor = await mentorInCourse(actor, query.mentorUserId);
      authorizeHours(actor, "view", { ...courseScope(actor), mentorUserId: mentor.id });
      res.json(await ledgerResponse(actor, mentor));
    }),
  );

  router.post(
    "/",
    validate({ body: ZHoursEntryCreate }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { body } = inputOf(req, { body: ZHoursEntryCreate });
      const { mentorUserId, ...entry } = body;
      const mentor = await mentorInCourse(actor, mentorUserId);
      authorizeHours(actor, "log", { ...courseScope(actor), mentorUserId: mentor.id });
      await logTrainingHours({ actor, mentor, entry });
      res.status(201).json(await ledgerResponse(actor, mentor));
    }),
  );

  router.delete(
    "/entries/:entryId",
    validate({ params: ZHoursEntryParams }),
    handle(async (req, res) => {
      const { params } = inputOf(req, { params: ZHoursEntryParams });
      await removeTrainingHours({ actor: actorOf(req), entryId: params.entryId });
      res.status(204).end();
    }),
  );

  router.get(
    "/rate-bands",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "setRateBand");
      const [programme, bands] = await Promise.all([programmeForCourse(actor.tenantId, actor.contextId), schoolBands(actor.tenantId, actor.contextId)]);
      res.json({
        bands: programme.definition.funding.rateBands.map((b) => ({ code: b.code, label: b.label, pencePerHour: b.pencePerHour })),
        schools: [...bands].map(([school, band]) => ({ school, band })).sort((a, b) => a.school.localeCompare(b.school)),
      });
    }),
  );

  router.put(
    "/rate-bands",
    validate({ body: ZRateBandUpdate }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "setRateBand");
      const { body } = inputOf(req, { body: ZRateBandUpdate });
      await setSchoolRateBand({ actor, school: body.school, band: body.band });
      res.json({ school: body.school, band: body.band });
    }),
  );

  router.get(
    "/claims",
    validate({ query: ZClaimsQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "exportClaims");
      const { query } = inputOf(req, { query: ZClaimsQuery });
      const [lines, programme, bands] = await Promise.all([
        fundingClaimLines(actor.tenantId, actor.contextId, query.academicYear),
        programmeForCourse(actor.tenantId, actor.contextId),
        schoolBands(actor.tenantId, actor.contextId),
      ]);
      const schools = [...new Set(lines.map((l) => l.school))].map((school) => {
        const mine = lines.filter((l) => l.school === school);
        const band = rateBandFor(programme.definition, bands.get(school));
        return {
          school,
          rateBand: { code: band.code, label: band.label, pencePerHour: band.pencePerHour },
          mentors: mine.length,
          claimableHours: mine.reduce((s, l) => s + l.claimableHours, 0),
          amountPence: mine.reduce((s, l) => s + l.amountPence, 0),
        };
      });
      res.json({ academicYear: query.academicYear, schools });
    }),
  );

  router.get(
    "/claims.csv",
    validate({ query: ZClaimsCsvQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "exportClaims");
      const { query } = inputOf(req, { query: ZClaimsCsvQuery });
      const lines = (await fundingClaimLines(actor.tenantId, actor.contextId, query.academicYear)).filter((l) => l.school === query.school);
      const fileName = `funding-claim-${query.school}-${query.academicYear}`.replace(/[^A-Za-z0-9-]+/g, "-").toLowerCase();
      res.type("text/csv; charset=utf-8").attachment(`${fileName}.csv`).send(fundingClaimCsv(lines));
    }),
  );
  return router;
}
