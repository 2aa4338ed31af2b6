import { Router } from "express";
import { ZAssuranceQuery, ZClaimsCsvQuery, ZClaimsQuery, ZFundingYearUpdate, ZHoursBin, ZHoursEntryCreate, ZHoursEntryParams, ZHoursQuery, ZRateBandUpdate } from "../../contracts/hours";
import { hoursBin } from "../../queries/binReads";
import { assuranceCsv, assuranceRows, fundingClaimCsv, fundingClaimLines } from "../../queries/exportFundingClaim";
import { setFundingYear } from "../../commands/setFundingYear";
import { renderAssurancePdf } from "../../documents/assurancePdf";
import { conflict, forbidden } from "../../errors";
import { logTrainingHours, removeTrainingHours, restoreTrainingHours, schoolBands, setSchoolRateBand } from "../../commands/logTrainingHours";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../../models/trainingHoursEntry";
import { authorizeFunding, authorizeHours, canExportClaims } from "../../policies/hours";
import { courseScope } from "../../policies/scope";
import { presentHoursLedger } from "../../presenters/hours";
import { academicYearOf, fundingNotSetMessage, rateBandFor } from "../../programme/funding";
import { mentorInCourse, type CourseMentor } from "../../queries/mentorInCourse";
import { programmeForCourse } from "../../queries/programmeForCourse";

/** The mentor whose ledger (or bin) the actor asks for, once the actor may see it. */
async function ledgerOwner(actor: Actor, mentorUserId: string | undefined): Promise<CourseMentor> {
  const mentor = await mentorInCourse(actor, mentorUserId);
  authorizeHours(actor, "view", { ...courseScope(actor), mentorUserId: mentor.id });
  return mentor;
}

async function ledgerResponse(actor: Actor, mentor: CourseMentor, warnings: string[] = []) {
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  const [programme, entries, bands] = await Promise.all([
    programmeForCourse(actor.tenantId, actor.contextId),
    TrainingHoursEntry.find(scope).sort({ date: -1, _id: -1 }).lean<TrainingHoursEntryDoc[]>(),
    schoolBands(actor.tenantId, actor.contextId),
  ]);
  return presentHoursLedger({ actor, mentor, programme: programme.definition, entries, band: mentor.school ? bands.get(mentor.school) ?? null : null, warnings });
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
      const mentor = await ledgerOwner(actor, query.mentorUserId);
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
      const logged = await logTrainingHours({ actor, mentor, entry });
      res.status(201).json(await ledgerResponse(actor, mentor, logged.warnings));
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

  // The bin: entries removed from the ledger, restorable for 30 days by whoever may remove them.
  router.get(
    "/bin",
    validate({ query: ZHoursQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { query } = inputOf(req, { query: ZHoursQuery });
      const mentor = await ledgerOwner(actor, query.mentorUserId);
      res.json(ZHoursBin.parse(await hoursBin({ ...courseScope(actor), mentorUserId: mentor.id })));
    }),
  );

  router.post(
    "/entries/:entryId/restore",
    validate({ params: ZHoursEntryParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params } = inputOf(req, { params: ZHoursEntryParams });
      const entry = await restoreTrainingHours({ actor, entryId: params.entryId });
      res.json(await ledgerResponse(actor, await mentorInCourse(actor, entry.mentorUserId)));
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
      const { covered, lines } = await fundingClaimLines(actor.tenantId, actor.contextId, query.academicYear);
      const keys = [...new Set(lines.map((l) => JSON.stringify([l.urn, l.school])))];
      const schools = keys.map((key) => {
        const [urn, school] = JSON.parse(key) as [string | null, string];
        const mine = lines.filter((l) => l.urn === urn && l.school === school);
        return {
          school,
          urn,
          rateBand: mine[0].rateBand,
          mentors: new Set(mine.map((l) => l.mentorUserId)).size,
          claimableHours: mine.reduce((s, l) => s + l.fundedHours, 0),
          unfundedHours: mine.reduce((s, l) => s + l.unfundedHours, 0),
          amountPence: covered ? mine.reduce((s, l) => s + (l.amountPence ?? 0), 0) : null,
        };
      });
      res.json({ academicYear: query.academicYear, fundingSet: covered, fundingMessage: covered ? null : fundingNotSetMessage(query.academicYear), schools });
    }),
  );

  router.get(
    "/claims.csv",
    validate({ query: ZClaimsCsvQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "exportClaims");
      const { query } = inputOf(req, { query: ZClaimsCsvQuery });
      const [{ covered, lines }, programme] = await Promise.all([
        fundingClaimLines(actor.tenantId, actor.contextId, query.academicYear),
        programmeForCourse(actor.tenantId, actor.contextId),
      ]);
      // A claim priced with another year's figures would be wrong money: refuse, naming the year.
      if (!covered) throw conflict(fundingNotSetMessage(query.academicYear));
      const mine = lines.filter((l) => l.urn === query.urn);
      const fileName = `funding-claim-${query.urn}-${query.academicYear}`.replace(/[^A-Za-z0-9-]+/g, "-").toLowerCase();
      res.setHeader("Cache-Control", "no-store");
      res.type("text/csv; charset=utf-8").attachment(`${fileName}.csv`).send(fundingClaimCsv(mine, { withDateOfBirth: programme.definition.funding.askDateOfBirth }));
    }),
  );

  router.get(
    "/assurance.csv",
    validate({ query: ZAssuranceQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "exportClaims");
      const { query } = inputOf(req, { query: ZAssuranceQuery });
      const rows = await assuranceRows(actor.tenantId, actor.contextId, query.academicYear);
      res.setHeader("Cache-Control", "no-store");
      res.type("text/csv; charset=utf-8").attachment(`assurance-pack-${query.academicYear.replace("/", "-")}.csv`).send(assuranceCsv(rows));
    }),
  );

  router.get(
    "/assurance.pdf",
    validate({ query: ZAssuranceQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "exportClaims");
      const { query } = inputOf(req, { query: ZAssuranceQuery });
      const [rows, programme] = await Promise.all([assuranceRows(actor.tenantId, actor.contextId, query.academicYear), programmeForCourse(actor.tenantId, actor.contextId)]);
      const pdf = await renderAssurancePdf({ partnership: programme.definition.partnership, academicYear: query.academicYear, rows });
      res.setHeader("Cache-Control", "no-store");
      res.type("application/pdf").attachment(`assurance-pack-${query.academicYear.replace("/", "-")}.pdf`).send(pdf);
    }),
  );

  router.get(
    "/funding-years",
    handle(async (req, res) => {
      const actor = actorOf(req);
      authorizeFunding(actor, "exportClaims");
      const { definition } = await programmeForCourse(actor.tenantId, actor.contextId);
      const currentAcademicYear = academicYearOf(new Date().toISOString().slice(0, 10));
      const years = [...definition.funding.years].sort((a, b) => b.academicYear.localeCompare(a.academicYear));
      res.json({
        currentAcademicYear,
        missingCurrentYear: !years.some((y) => y.academicYear === currentAcademicYear),
        bands: definition.funding.rateBands.map((b) => ({ code: b.code, label: b.label, pencePerHour: b.pencePerHour })),
        years: years.map((y) => ({
          academicYear: y.academicYear,
          initialCapHours: y.initialCapHours,
          refresherCapHours: y.refresherCapHours,
          rates: definition.funding.rateBands.map((b) => ({ code: b.code, label: b.label, pencePerHour: y.rates?.find((r) => r.code === b.code)?.pencePerHour ?? b.pencePerHour })),
        })),
      });
    }),
  );

  router.put(
    "/funding-years",
    // Authorize before validating: only leads enter a year's funding figures.
    (req, _res, next) => next(canExportClaims(actorOf(req)) ? undefined : forbidden("Only programme leads can enter a year's funding caps and rates.")),
    validate({ body: ZFundingYearUpdate }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { body } = inputOf(req, { body: ZFundingYearUpdate });
      await setFundingYear({ actor, year: body });
      res.json({ academicYear: body.academicYear });
    }),
  );
  return router;
}
