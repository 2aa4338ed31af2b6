import { z } from "zod";

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

/**
 * GET /api/mentors filters, as the lead's dashboard links to the mentors behind a figure: a school
 * (matched without regard to case), a module passed, a level completed, every module completed,
 * training hours logged in an academic year.
 */
export const ZMentorListQuery = z.object({
  school: z.string().trim().min(1).max(200).describe("School").optional(),
  passedModule: z.string().trim().min(1).max(64).describe("Module").optional(),
  completedLevel: z.string().trim().min(1).max(64).describe("Level").optional(),
  completedAllModules: z.enum(["true"], { message: 'must be "true"' }).describe("Completed all modules").optional(),
  hoursInYear: z.string().regex(/^\d{4}\/\d{2}$/, "must look like 2026/27").describe("Academic year for hours").optional(),
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
