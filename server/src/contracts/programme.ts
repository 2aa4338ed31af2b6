import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZProgramme } from "../programme/schema";

/** PUT /api/programme: a provider's own programme definition for this course (lead only). */
/** The body is a whole programme file: a problem is named by where it is in the file. */
export const ZProgrammeUpdate = ZProgramme.describe("Programme file (at {path})");
export type TProgrammeUpdate = z.infer<typeof ZProgrammeUpdate>;

/** GET/PUT /api/programme: the programme version in force for the course. */
export const ZProgrammeResponse = z.object({
  versionId: z.string(),
  code: z.string(),
  version: z.number(),
  definition: ZProgramme,
  /** Assignments to this course, newest first (leads only; empty for others). */
  history: z.array(z.object({ versionId: z.string(), assignedBy: z.string(), assignedAt: z.string() })),
});
export type TProgrammeResponse = z.infer<typeof ZProgrammeResponse>;

/** /api/programme — the programme the course follows; a lead loads the provider's own. */
export const programmeEndpoints = {
  current: defineEndpoint({ method: "GET", path: "/api/programme", output: ZProgrammeResponse }),
  load: defineEndpoint({
    method: "PUT",
    path: "/api/programme",
    input: { body: ZProgrammeUpdate },
    output: ZProgrammeResponse,
  }),
};
