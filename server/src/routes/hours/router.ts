import type { Router } from "express";
import { hoursEndpoints } from "../../contracts/hours";
import { hoursBin } from "../../queries/binReads";
import { assuranceCsv, assuranceRows, fundingClaimCsv, fundingClaimLines } from "../../queries/exportFundingClaim";
import { setFundingYear } from "../../commands/setFundingYear";
import { renderAssurancePdf } from "../../documents/assurancePdf";
import { conflict } from "../../errors";
import {
  logTrainingHours,
  removeTrainingHours,
  restoreTrainingHours,
  setSchoolRateBand,
} from "../../commands/logTrainingHours";
import { anyoneSignedIn, endpointRouter, refuseEarly } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { presentHoursLedger } from "../../presenters/hours";
import { academicYearOf, fundingNotSetMessage } from "../../programme/funding";
import { mentorInCourse, type CourseMentor } from "../../queries/mentorInCourse";
import { programmeInForce, type ProgrammeInForce } from "../../queries/programmeInForce";
import { ledgerEntries } from "../../queries/hoursReads";
import { schoolBands } from "../../queries/schoolBands";

type LedgerEntries = Awaited<ReturnType<typeof ledgerEntries>>;

/** The mentor whose ledger (or bin) the actor asks for, once the actor may see it. */
async function ledgerOwner(actor: Actor, mentorUserId: string | undefined): Promise<CourseMentor> {
  const mentor = await mentorInCourse(actor, mentorUserId);
  authorize(actor, "view", "Hours", { ...courseScope(actor), mentorUserId: mentor.id });
  return mentor;
}

async function ledgerResponse(actor: Actor, mentor: CourseMentor) {
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  const [programme, entries, bands] = await Promise.all([
    programmeInForce(actor.tenantId, actor.contextId),
    ledgerEntries(scope),
    schoolBands(actor.tenantId, actor.contextId),
  ]);
  return presentLedger(actor, mentor, { programme, entries, bands });
}

/** The ledger as read (programme in force, entries newest first, schools' bands), with any warnings. */
function presentLedger(
  actor: Actor,
  mentor: CourseMentor,
  read: { programme: ProgrammeInForce; entries: LedgerEntries; bands: Map<string, string>; warnings?: string[] },
) {
  return presentHoursLedger({
    actor,
    mentor,
    programme: read.programme.definition,
    entries: read.entries,
    band: mentor.school ? (read.bands.get(mentor.school) ?? null) : null,
    warnings: read.warnings ?? [],
  });
}

/** What each school can claim in a year, from the year's claim lines. */
function claimsBySchool(lines: Awaited<ReturnType<typeof fundingClaimLines>>["lines"], covered: boolean) {
  const keys = [...new Set(lines.map((l) => JSON.stringify([l.urn, l.school])))];
  return keys.map((key) => {
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
}

const setsRateBands = (actor: Actor) => authorize(actor, "setRateBand", "Funding");
const exportsClaims = (actor: Actor) => authorize(actor, "exportClaims", "Funding");
const setsCaps = (actor: Actor) => authorize(actor, "setCaps", "Funding");

/**
 * /api/hours — the training-hours ledger. Mentors log and read their own; tutors and leads log
 * and read for the mentors of their course; leads export funding claims per school and year.
 */
export function hoursRouter(): Router {
  const { router, implement } = endpointRouter("/api/hours");
  const e = hoursEndpoints;

  implement(e.ledger, {
    policy: (actor, { query }) => ledgerOwner(actor, query.mentorUserId),
    handler: ({ actor, allowed: mentor }) => ledgerResponse(actor, mentor),
  });

  implement(e.log, {
    policy: async (actor, { body }) => {
      const mentor = await mentorInCourse(actor, body.mentorUserId);
      authorize(actor, "log", "Hours", { ...courseScope(actor), mentorUserId: mentor.id });
      return mentor;
    },
    handler: async ({ actor, allowed: mentor, input: { body } }) => {
      const { mentorUserId: _mentor, ...entry } = body;
      // The command answers with the programme it logged under and the ledger its figures read.
      const { programme, ledger, warnings } = await logTrainingHours({ actor, mentor, entry });
      const bands = await schoolBands(actor.tenantId, actor.contextId);
      return presentLedger(actor, mentor, { programme, entries: ledger, bands, warnings });
    },
  });

  implement(e.remove, {
    // Who may remove an entry depends on the entry: the command checks it (as for restoring).
    policy: anyoneSignedIn,
    handler: async ({ actor, input: { params } }) => {
      await removeTrainingHours({ actor, entryId: params.entryId });
    },
  });

  // The bin: entries removed from the ledger, restorable for 30 days by whoever may remove them.
  implement(e.bin, {
    policy: (actor, { query }) => ledgerOwner(actor, query.mentorUserId),
    handler: ({ actor, allowed: mentor }) => hoursBin({ ...courseScope(actor), mentorUserId: mentor.id }),
  });

  implement(e.restore, {
    policy: anyoneSignedIn,
    handler: async ({ actor, input: { params } }) => {
      // The command answers with the programme in force and the ledger its figures read.
      const { entry, programme, ledger } = await restoreTrainingHours({ actor, entryId: params.entryId });
      const [mentor, bands] = await Promise.all([
        mentorInCourse(actor, entry.mentorUserId),
        schoolBands(actor.tenantId, actor.contextId),
      ]);
      return presentLedger(actor, mentor, { programme, entries: ledger, bands });
    },
  });

  implement(e.rateBands, {
    policy: setsRateBands,
    handler: async ({ actor }) => {
      const [programme, bands] = await Promise.all([
        programmeInForce(actor.tenantId, actor.contextId),
        schoolBands(actor.tenantId, actor.contextId),
      ]);
      return {
        bands: programme.definition.funding.rateBands.map((b) => ({
          code: b.code,
          label: b.label,
          pencePerHour: b.pencePerHour,
        })),
        schools: [...bands]
          .map(([school, band]) => ({ school, band }))
          .sort((a, b) => a.school.localeCompare(b.school)),
      };
    },
  });

  implement(e.setRateBand, {
    policy: setsRateBands,
    handler: async ({ actor, input: { body } }) => {
      await setSchoolRateBand({ actor, school: body.school, band: body.band });
      return { school: body.school, band: body.band };
    },
  });

  implement(e.claims, {
    policy: exportsClaims,
    handler: async ({ actor, input: { query } }) => {
      const { covered, lines } = await fundingClaimLines(actor.tenantId, actor.contextId, query.academicYear);
      return {
        academicYear: query.academicYear,
        fundingSet: covered,
        fundingMessage: covered ? null : fundingNotSetMessage(query.academicYear),
        schools: claimsBySchool(lines, covered),
      };
    },
  });

  implement(e.claimCsv, {
    policy: exportsClaims,
    handler: async ({ actor, input: { query }, res }) => {
      const [{ covered, lines }, programme] = await Promise.all([
        fundingClaimLines(actor.tenantId, actor.contextId, query.academicYear),
        programmeInForce(actor.tenantId, actor.contextId),
      ]);
      // A claim priced with another year's figures would be wrong money: refuse, naming the year.
      if (!covered) throw conflict(fundingNotSetMessage(query.academicYear));
      const mine = lines.filter((l) => l.urn === query.urn);
      const fileName = `funding-claim-${query.urn}-${query.academicYear}`.replace(/[^A-Za-z0-9-]+/g, "-").toLowerCase();
      res.setHeader("Cache-Control", "no-store");
      res
        .type("text/csv; charset=utf-8")
        .attachment(`${fileName}.csv`)
        .send(fundingClaimCsv(mine, { withDateOfBirth: programme.definition.funding.askDateOfBirth }));
    },
  });

  implement(e.assuranceCsv, {
    policy: exportsClaims,
    handler: async ({ actor, input: { query }, res }) => {
      const rows = await assuranceRows(actor.tenantId, actor.contextId, query.academicYear);
      res.setHeader("Cache-Control", "no-store");
      res
        .type("text/csv; charset=utf-8")
        .attachment(`assurance-pack-${query.academicYear.replace("/", "-")}.csv`)
        .send(assuranceCsv(rows));
    },
  });

  implement(e.assurancePdf, {
    policy: exportsClaims,
    handler: async ({ actor, input: { query }, res }) => {
      const [rows, programme] = await Promise.all([
        assuranceRows(actor.tenantId, actor.contextId, query.academicYear),
        programmeInForce(actor.tenantId, actor.contextId),
      ]);
      const pdf = await renderAssurancePdf({
        partnership: programme.definition.partnership,
        academicYear: query.academicYear,
        rows,
      });
      res.setHeader("Cache-Control", "no-store");
      res
        .type("application/pdf")
        .attachment(`assurance-pack-${query.academicYear.replace("/", "-")}.pdf`)
        .send(pdf);
    },
  });

  implement(e.fundingYears, {
    policy: exportsClaims,
    handler: async ({ actor }) => {
      const { definition } = await programmeInForce(actor.tenantId, actor.contextId);
      const currentAcademicYear = academicYearOf(new Date().toISOString().slice(0, 10));
      const years = [...definition.funding.years].sort((a, b) => b.academicYear.localeCompare(a.academicYear));
      return {
        currentAcademicYear,
        missingCurrentYear: !years.some((y) => y.academicYear === currentAcademicYear),
        bands: definition.funding.rateBands.map((b) => ({
          code: b.code,
          label: b.label,
          pencePerHour: b.pencePerHour,
        })),
        years: years.map((y) => ({
          academicYear: y.academicYear,
          initialCapHours: y.initialCapHours,
          refresherCapHours: y.refresherCapHours,
          rates: definition.funding.rateBands.map((b) => ({
            code: b.code,
            label: b.label,
            pencePerHour: y.rates?.find((r) => r.code === b.code)?.pencePerHour ?? b.pencePerHour,
          })),
        })),
      };
    },
  });

  implement(e.setFundingYear, {
    // Authorize before validating: only leads enter a year's funding figures.
    middleware: [refuseEarly(setsCaps)],
    policy: setsCaps,
    handler: async ({ actor, input: { body } }) => {
      await setFundingYear({ actor, year: body });
      return { academicYear: body.academicYear };
    },
  });
  return router;
}
