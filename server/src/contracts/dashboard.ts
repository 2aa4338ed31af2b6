import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** Filters for the programme lead's dashboard. */
export const ZDashboardQuery = z.object({
  /** Only mentors of this school (as the roster gives it). */
  school: z.string().trim().min(1).max(200).optional(),
  /** Training hours for one academic year, e.g. "2026/27". */
  academicYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, "must look like 2026/27")
    .optional(),
  /** "true" counts everything again now instead of using the figures kept since the last change. */
  fresh: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).optional(),
});
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

const count = z.number().int().nonnegative();
const stateCounts = z.record(z.string(), z.number().int());

export const ZDashboardFigures = z.object({
  programme: z.object({ code: z.string(), version: z.number(), title: z.string() }),
  mentors: count,
  modules: z.array(
    z.object({ code: z.string(), title: z.string(), level: z.string(), started: count, completed: count }),
  ),
  levels: z.array(z.object({ code: z.string(), title: z.string(), modules: z.number(), mentorsCompleted: count })),
  schools: z.array(
    z.object({ school: z.string().nullable(), mentors: count, completedAllModules: count, trainingHours: z.number() }),
  ),
  /** Portfolio counts are for the whole course (the school filter does not apply). */
  portfolios: z.object({
    total: count,
    byState: stateCounts,
    byRound: z.array(
      z.object({ id: z.string(), name: z.string(), date: z.string(), total: count, byState: stateCounts }),
    ),
  }),
  certificates: z.object({
    issued: count,
    revoked: count,
    byQualification: z.array(z.object({ code: z.string(), title: z.string(), issued: count, revoked: count })),
  }),
  credits: z.object({
    provisional: count,
    ratified: count,
    reversed: count,
    provisionalCredits: z.number(),
    ratifiedCredits: z.number(),
  }),
  trainingHours: z.object({
    total: z.number(),
    initial: z.number(),
    refresher: z.number(),
    byYear: z.array(z.object({ academicYear: z.string(), hours: z.number() })),
  }),
});
export type TDashboardFigures = z.infer<typeof ZDashboardFigures>;

export const ZDashboard = ZDashboardFigures.extend({
  /** When these figures were counted (ISO). */
  asOf: z.string(),
  /** True when newer figures are being counted in the background. */
  isRefreshing: z.boolean(),
});
export type TDashboard = z.infer<typeof ZDashboard>;

/** GET /api/dashboard — the programme lead's cohort figures for their course, with filters. */
export const dashboardEndpoints = {
  figures: defineEndpoint({
    method: "GET",
    path: "/api/dashboard",
    input: { query: ZDashboardQuery },
    output: ZDashboard,
  }),
};
