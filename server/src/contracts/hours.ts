import { z } from "zod";
import { defineEndpoint } from "./endpoint";

const academicYear = z.string().regex(/^\d{4}\/\d{2}$/, "must look like 2025/26");
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-10-14")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "is not a real date",
  );

export const ZHoursKind = z.enum(["initial", "refresher"]);
/** Completed training, or hours exempted through prior learning (never funded). */
export const ZHoursStatus = z.enum(["completed", "exempted"]);

/** POST /api/hours: one training session. Staff name the mentor; a mentor logs their own. */
export const ZHoursEntryCreate = z
  .object({
    mentorUserId: z.string().min(1).max(255).optional(),
    date: isoDay,
    activity: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    hours: z
      .number()
      .positive("must be more than 0")
      .max(12, "must be at most 12 in one day")
      .refine((h) => Number.isInteger(h * 4), "must be in quarter hours"),
    kind: ZHoursKind,
    /** Defaults to the programme's partnership. */
    provider: z
      .string()
      .trim()
      .min(1, "Provider is required")
      .max(200, "Provider must be at most 200 characters")
      .optional(),
    deliveredBy: z.string().trim().max(200, "Delivered by must be at most 200 characters").optional(),
    status: ZHoursStatus.default("completed"),
  })
  .strict();
export type THoursEntryCreate = z.infer<typeof ZHoursEntryCreate>;

export const ZHoursQuery = z.object({ mentorUserId: z.string().min(1).max(255).optional() });
export const ZHoursEntryParams = z.object({ entryId: z.string().regex(/^[a-f0-9]{24}$/, "must be an hours entry id") });

export const ZRateBand = z.object({ code: z.string(), label: z.string(), pencePerHour: z.number() });
/** A band priced for one year; no price when the year's funding figures are not set. */
export const ZYearRateBand = z.object({ code: z.string(), label: z.string(), pencePerHour: z.number().nullable() });
export type TRateBand = z.infer<typeof ZRateBand>;

export const ZHoursEntry = z.object({
  id: z.string(),
  date: z.string(),
  academicYear: z.string(),
  activity: z.string(),
  hours: z.number(),
  kind: ZHoursKind,
  provider: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  status: ZHoursStatus,
  /** Of this entry's hours, those within the year's cap; null when the year's funding is not set. */
  fundedHours: z.number().nullable(),
  school: z.string().nullable(),
  /** "Recognised from <issuer> (<host>)" for hours recognised from another partnership's signed record; never funded here. */
  recognisedFrom: z.string().nullable().default(null),
  loggedByName: z.string(),
  canDelete: z.boolean(),
});
export type THoursEntry = z.infer<typeof ZHoursEntry>;

/** One academic year of a mentor's ledger, with the programme's caps applied. */
export const ZHoursYear = z.object({
  academicYear: z.string(),
  /** False for a year the programme has no caps and rates for; fundingMessage then says so. */
  fundingSet: z.boolean(),
  fundingMessage: z.string().nullable(),
  initialHours: z.number(),
  refresherHours: z.number(),
  exemptedHours: z.number(),
  initialCapHours: z.number().nullable(),
  refresherCapHours: z.number().nullable(),
  initialFundedHours: z.number(),
  refresherFundedHours: z.number(),
  /** Funded hours (initial and refresher within their caps per provider). */
  claimableHours: z.number(),
  /** Hours kept in the ledger but beyond the caps or exempted. */
  unfundedHours: z.number(),
  rateBand: ZYearRateBand,
  amountPence: z.number().nullable(),
});
export type THoursYear = z.infer<typeof ZHoursYear>;

/** GET /api/hours: a mentor's ledger. */
export const ZHoursLedger = z.object({
  mentor: z.object({ id: z.string(), name: z.string(), school: z.string().nullable() }),
  entries: z.array(ZHoursEntry),
  years: z.array(ZHoursYear),
  currentAcademicYear: z.string(),
  /** After logging: what the person should know (hours beyond the cap, a year without funding figures). */
  warnings: z.array(z.string()).default([]),
});
export type THoursLedger = z.infer<typeof ZHoursLedger>;

/** PUT /api/hours/rate-bands: the band a school claims at (tutors and leads). */
export const ZRateBandUpdate = z
  .object({ school: z.string().trim().min(1, "is required").max(200), band: z.string().min(1).max(64) })
  .strict();
export type TRateBandUpdate = z.infer<typeof ZRateBandUpdate>;

export const ZRateBandList = z.object({
  bands: z.array(ZRateBand),
  schools: z.array(z.object({ school: z.string(), band: z.string() })),
});
export type TRateBandList = z.infer<typeof ZRateBandList>;

export const ZClaimsQuery = z.object({ academicYear });
const urn = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "School URN must be exactly 6 digits, e.g. 100000");
/** GET /api/hours/claims.csv: one school's claim (by URN) for one year. */
export const ZClaimsCsvQuery = z.object({ academicYear, urn });
/** GET /api/hours/assurance.csv|.pdf: the provider's assurance pack for a year. */
export const ZAssuranceQuery = z.object({ academicYear });

/** GET /api/hours/claims: what each school can claim in a year (leads). */
export const ZClaimsSummary = z.object({
  academicYear: z.string(),
  fundingSet: z.boolean(),
  fundingMessage: z.string().nullable(),
  schools: z.array(
    z.object({
      school: z.string(),
      /** Null for hours logged before the mentor entered their school's URN (not claimable until they do). */
      urn: z.string().nullable(),
      rateBand: ZYearRateBand,
      mentors: z.number(),
      claimableHours: z.number(),
      unfundedHours: z.number(),
      amountPence: z.number().nullable(),
    }),
  ),
});
export type TClaimsSummary = z.infer<typeof ZClaimsSummary>;

const pounds = (label: string) =>
  z
    .number({ invalid_type_error: `${label} must be a number of pounds` })
    .positive(`${label} must be more than £0`)
    .max(1000, `${label} must be at most £1,000`)
    .refine((v) => Number.isInteger(Math.round(v * 100 * 1000) / 1000), `${label} must be in whole pence`);

/** PUT /api/hours/funding-years: a programme lead enters a year's caps and rates (a new programme version). */
export const ZFundingYearUpdate = z
  .object({
    academicYear,
    initialCapHours: z
      .number({ invalid_type_error: "Initial training cap must be a number of hours" })
      .nonnegative("Initial training cap cannot be negative")
      .max(200, "Initial training cap must be at most 200 hours"),
    refresherCapHours: z
      .number({ invalid_type_error: "Refresher training cap must be a number of hours" })
      .nonnegative("Refresher training cap cannot be negative")
      .max(200, "Refresher training cap must be at most 200 hours"),
    rates: z
      .array(z.object({ code: z.string().min(1).max(64), poundsPerHour: pounds("Rate per hour") }))
      .min(1, "Rates must give at least one band's rate"),
  })
  .strict();
export type TFundingYearUpdate = z.infer<typeof ZFundingYearUpdate>;

/** GET /api/hours/funding-years: the years the programme funds, and the current year if it is missing. */
export const ZFundingYears = z.object({
  currentAcademicYear: z.string(),
  missingCurrentYear: z.boolean(),
  bands: z.array(ZRateBand),
  years: z.array(
    z.object({
      academicYear: z.string(),
      initialCapHours: z.number(),
      refresherCapHours: z.number(),
      rates: z.array(ZRateBand),
    }),
  ),
});
export type TFundingYears = z.infer<typeof ZFundingYears>;

/** GET /api/hours/bin: entries removed from one mentor's ledger, kept until `purgeAt` (30 days); newest removal first. */
export const ZHoursBin = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      activity: z.string(),
      hours: z.number(),
      deletedAt: z.string(),
      purgeAt: z.string(),
    }),
  ),
});
export type THoursBin = z.infer<typeof ZHoursBin>;

/** The answer to PUT /api/hours/rate-bands: the band the school now claims at. */
export const ZRateBandSaved = z.object({ school: z.string(), band: z.string() });
/** The answer to PUT /api/hours/funding-years: the year whose figures were saved. */
export const ZFundingYearSaved = z.object({ academicYear: z.string() });

/**
 * /api/hours — the training-hours ledger (mentors their own; tutors and leads their course's
 * mentors, ?mentorUserId=), its bin, school rate bands, and the lead's funding claims and figures.
 */
export const hoursEndpoints = {
  ledger: defineEndpoint({ method: "GET", path: "/api/hours", input: { query: ZHoursQuery }, output: ZHoursLedger }),
  log: defineEndpoint({
    method: "POST",
    path: "/api/hours",
    input: { body: ZHoursEntryCreate },
    output: ZHoursLedger,
    status: 201,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/api/hours/entries/:entryId",
    input: { params: ZHoursEntryParams },
    output: "none",
  }),
  bin: defineEndpoint({ method: "GET", path: "/api/hours/bin", input: { query: ZHoursQuery }, output: ZHoursBin }),
  restore: defineEndpoint({
    method: "POST",
    path: "/api/hours/entries/:entryId/restore",
    input: { params: ZHoursEntryParams },
    output: ZHoursLedger,
  }),
  rateBands: defineEndpoint({ method: "GET", path: "/api/hours/rate-bands", output: ZRateBandList }),
  setRateBand: defineEndpoint({
    method: "PUT",
    path: "/api/hours/rate-bands",
    input: { body: ZRateBandUpdate },
    output: ZRateBandSaved,
  }),
  claims: defineEndpoint({
    method: "GET",
    path: "/api/hours/claims",
    input: { query: ZClaimsQuery },
    output: ZClaimsSummary,
  }),
  claimCsv: defineEndpoint({
    method: "GET",
    path: "/api/hours/claims.csv",
    input: { query: ZClaimsCsvQuery },
    output: "file",
  }),
  assuranceCsv: defineEndpoint({
    method: "GET",
    path: "/api/hours/assurance.csv",
    input: { query: ZAssuranceQuery },
    output: "file",
  }),
  assurancePdf: defineEndpoint({
    method: "GET",
    path: "/api/hours/assurance.pdf",
    input: { query: ZAssuranceQuery },
    output: "file",
  }),
  fundingYears: defineEndpoint({ method: "GET", path: "/api/hours/funding-years", output: ZFundingYears }),
  setFundingYear: defineEndpoint({
    method: "PUT",
    path: "/api/hours/funding-years",
    input: { body: ZFundingYearUpdate },
    output: ZFundingYearSaved,
  }),
};
