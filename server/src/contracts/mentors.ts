import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** One mentor of the course, as staff see them in the mentors list. */
export const ZMentorSummary = z.object({
  id: z.string(),
  name: z.string(),
  school: z.string().nullable(),
  modulesPassed: z.number(),
  modulesTotal: z.number(),
  /** Module work waiting for a tutor's mark. */
  modulesSubmitted: z.number(),
  /** Training hours logged in the current academic year (initial and refresher). */
  hoursThisYear: z.number(),
});
export type TMentorSummary = z.infer<typeof ZMentorSummary>;

/** A portfolio's state as the dashboard counts it (its latest version's status, or draft). */
export const portfolioStates = [
  "draft",
  "awaiting_round",
  "in_review",
  "needs_lead_decision",
  "approved",
  "resubmit",
] as const;
const oneOrMore = <T extends z.ZodTypeAny>(item: T) =>
  z.union([item.transform((v) => [v] as Array<z.infer<T>>), z.array(item).min(1).max(portfolioStates.length)]);

/**
 * GET /api/mentors filters, as the lead's dashboard links to the mentors behind a figure: a school
 * (matched without regard to case), a module passed, a level completed, every module completed,
 * training hours logged (of a kind, in an academic year), a portfolio in a state (in a panel
 * round), a certificate issued or revoked, a credit award provisional, ratified or reversed.
 */
export const ZMentorListQuery = z.object({
  /** Words in the mentor's name or school (the list's search box). */
  search: z
    .string()
    .trim()
    .min(1, "type part of a name or school")
    .max(100, "use at most 100 characters")
    .describe("Search")
    .optional(),
  /** Only mentors with module work waiting for a tutor's mark. */
  waitingForMark: z.enum(["true"], { message: 'must be "true"' }).describe("Waiting to be marked").optional(),
  school: z.string().trim().min(1).max(200).describe("School").optional(),
  passedModule: z.string().trim().min(1).max(64).describe("Module").optional(),
  completedLevel: z.string().trim().min(1).max(64).describe("Level").optional(),
  completedAllModules: z.enum(["true"], { message: 'must be "true"' }).describe("Completed all modules").optional(),
  hoursInYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, "must look like 2026/27")
    .describe("Academic year for hours")
    .optional(),
  /** Mentors with training hours of this kind ("any" for either), in hoursInYear when given. */
  hours: z.enum(["any", "initial", "refresher"]).describe("Training hours").optional(),
  /** Mentors with a portfolio in one of these states (repeat the parameter for several). */
  portfolioState: oneOrMore(z.enum(portfolioStates)).describe("Portfolio state").optional(),
  /** With portfolioState: versions placed in this panel round; alone: any version in it. */
  round: z
    .string()
    .regex(/^[0-9a-f]{24}$/, "must be a panel round of this course")
    .describe("Panel round")
    .optional(),
  certificateIssued: z.string().trim().min(1).max(64).describe("Certificate issued").optional(),
  certificateRevoked: z.string().trim().min(1).max(64).describe("Certificate revoked").optional(),
  credit: z.enum(["provisional", "ratified", "reversed"]).describe("Credit").optional(),
});
export type TMentorListQuery = z.infer<typeof ZMentorListQuery>;

/** GET /api/mentors: the mentors of the course, by name (tutors and leads). */
export const ZMentorList = z.object({
  academicYear: z.string(),
  mentors: z.array(ZMentorSummary),
  /** What the list is filtered by, in words ("at Oakfield Primary, who passed M1"); null when it is not. */
  filteredBy: z.string().nullable().default(null),
});

/** GET /api/mentors/schools: the schools present in the course, for filters to pick from. */
export const ZCourseSchools = z.object({ schools: z.array(z.string()) });
export type TCourseSchools = z.infer<typeof ZCourseSchools>;
export type TMentorList = z.infer<typeof ZMentorList>;

/** /api/mentors — the course's mentors with their progress (tutors and leads), and its schools. */
export const mentorsEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/mentors",
    input: { query: ZMentorListQuery },
    output: ZMentorList,
  }),
  schools: defineEndpoint({ method: "GET", path: "/api/mentors/schools", output: ZCourseSchools }),
};
