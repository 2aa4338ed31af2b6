import { z } from "zod";

const academicYear = z.string().regex(/^\d{4}\/\d{2}$/, "must look like 2025/26");
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-10-14")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "is not a real date");

export const ZHoursKind = z.enum(["initial", "refresher"]);

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
  })
  .strict();
export type THoursEntryCreate = z.infer<typeof ZHoursEntryCreate>;

export const ZHoursQuery = z.object({ mentorUserId: z.string().min(1).max(255).optional() });
export const ZHoursEntryParams = z.object({ entryId: z.string().regex(/^[a-f0-9]{24}$/, "must be an hours entry id") });

export const ZRateBand = z.object({ code: z.string(), label: z.string(), pencePerHour: z.number() });
export type TRateBand = z.infer<typeof ZRateBand>;

export const ZHoursEntry = z.object({
  id: z.string(),
  date: z.string(),
  academicYear: z.string(),
  activity: z.string(),
  hours: z.number(),
  kind: ZHoursKind,
  school: z.string().nullable(),
  loggedByName: z.string(),
  canDelete: z.boolean(),
});
export type THoursEntry = z.infer<typeof ZHoursEntry>;

/** One academic year of a mentor's ledger, with the programme's caps applied. */
export const ZHoursYear = z.object({
  academicYear: z.string(),
  initialHours: z.number(),
  refresherHours: z.number(),
  initialCapHours: z.number(),
  refresherCapHours: z.number(),
  claimableHours: z.number(),
  rateBand: ZRateBand,
  amountPence: z.number(),
});
export type THoursYear = z.infer<typeof ZHoursYear>;

/** GET /api/hours: a mentor's ledger. */
export const ZHoursLedger = z.object({
  mentor: z.object({ id: z.string(), name: z.string(), school: z.string().nullable() }),
  entries: z.array(ZHoursEntry),
  years: z.array(ZHoursYear),
  currentAcademicYear: z.string(),
});
export type THoursLedger = z.infer<typeof ZHoursLedger>;

/** PUT /api/hours/rate-bands: the band a school claims at (tutors and leads). */
export const ZRateBandUpdate = z.object({ school: z.string().trim().min(1, "is required").max(200), band: z.string().min(1).max(64) }).strict();
export type TRateBandUpdate = z.infer<typeof ZRateBandUpdate>;

export const ZRateBandList = z.object({
  bands: z.array(ZRateBand),
  schools: z.array(z.object({ school: z.string(), band: z.string() })),
});
export type TRateBandList = z.infer<typeof ZRateBandList>;

export const ZClaimsQuery = z.object({ academicYear });
export const ZClaimsCsvQuery = z.object({ academicYear, school: z.string().trim().min(1, "is required").max(200) });

/** GET /api/hours/claims: what each school can claim in a year (leads). */
export const ZClaimsSummary = z.object({
  academicYear: z.string(),
  schools: z.array(z.object({ school: z.string(), rateBand: ZRateBand, mentors: z.number(), claimableHours: z.number(), amountPence: z.number() })),
});
export type TClaimsSummary = z.infer<typeof ZClaimsSummary>;
