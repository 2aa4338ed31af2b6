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

/** GET /api/mentors: the mentors of the course, by name (tutors and leads). */
export const ZMentorList = z.object({
  academicYear: z.string(),
  mentors: z.array(ZMentorSummary),
});
export type TMentorList = z.infer<typeof ZMentorList>;
