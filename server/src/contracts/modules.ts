import { z } from "zod";
import { defineEndpoint } from "./endpoint";

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a module or activity code");

/** Where a mentor stands on one module. "returned" means sent back for more work or to resubmit. */
export const ZModuleState = z.enum(["locked", "open", "in_progress", "submitted", "returned", "graded"]);
export type TModuleState = z.infer<typeof ZModuleState>;

export const ZModuleParams = z.object({ moduleCode: code });
export const ZModuleActivityParams = z.object({ moduleCode: code, activityCode: code });
/** Staff may look at one mentor's pathway; mentors only ever see their own. */
export const ZPathwayQuery = z.object({ mentorUserId: z.string().min(1).max(255).optional() });

/** GET /api/modules/:moduleCode/files/:fileCode: a file shipped with the programme. */
export const ZModuleFileParams = z.object({ moduleCode: code, fileCode: code });
/** GET and DELETE /api/modules/:moduleCode/work-files/:fileId: a file on the mentor's module work. */
export const ZModuleWorkFileParams = z.object({
  moduleCode: code,
  fileId: z.string().regex(/^[a-f0-9]{24}$/i, "must be an id"),
});

/** What a module teaches, as the module page shows it (programme/moduleContent.ts). */
export const ZModuleContentView = z.object({
  sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()), points: z.array(z.string()) })),
  links: z.array(z.object({ title: z.string(), url: z.string(), note: z.string() })),
  files: z.array(
    z.object({ code: z.string(), title: z.string(), note: z.string(), filename: z.string(), mimeType: z.string() }),
  ),
  /** `host` names the site for the link text: "YouTube", "Vimeo" or a host name. */
  /** `embedUrl`: the player the page frames (YouTube, Vimeo); null shows the video as a link only. */
  videos: z.array(
    z.object({
      title: z.string(),
      url: z.string(),
      note: z.string(),
      host: z.string(),
      embedUrl: z.string().nullable(),
    }),
  ),
});
export type TModuleContentView = z.infer<typeof ZModuleContentView>;

/** A file on the mentor's module work. */
export const ZModuleWorkFile = z.object({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type TModuleWorkFile = z.infer<typeof ZModuleWorkFile>;

/** PUT /api/modules/:moduleCode/activities/:activityCode */
export const ZModuleActivityUpdate = z.object({ completed: z.boolean() }).strict();
export type TModuleActivityUpdate = z.infer<typeof ZModuleActivityUpdate>;

/** PUT /api/modules/:moduleCode/reflection */
export const ZModuleReflectionUpdate = z
  .object({ reflection: z.string().max(20_000, "must be at most 20,000 characters").describe("Module reflection") })
  .strict();
export type TModuleReflectionUpdate = z.infer<typeof ZModuleReflectionUpdate>;

/** A tutor's decision on one attempt, as the mentor sees it. */
export const ZModuleDecision = z.object({
  kind: z.enum(["mark", "return"]),
  score: z.number().nullable(),
  scoreMaximum: z.number().nullable(),
  passed: z.boolean(),
  /** How the mark reads: "Pass", "Resubmit", "62 / 100", "Returned for more work". */
  label: z.string(),
  feedback: z.string(),
  markedByName: z.string(),
  markedAt: z.string(),
  /** The latest correction, when the mark was corrected after it was given (commands/correctModuleMark.ts). */
  correction: z
    .object({
      previous: z.string(),
      reason: z.string(),
      correctedByName: z.string(),
      correctedAt: z.string(),
      isFromLms: z.boolean(),
    })
    .nullable()
    .optional(),
});
export type TModuleDecision = z.infer<typeof ZModuleDecision>;

export const ZModuleSummary = z.object({
  code: z.string(),
  number: z.number(),
  title: z.string(),
  level: z.string(),
  levelTitle: z.string(),
  summary: z.string(),
  notionalHours: z.number(),
  state: ZModuleState,
  /** Why a locked module is locked, in the mentor's words. */
  lockedReasons: z.array(z.string()),
  passed: z.boolean(),
  activitiesDone: z.number(),
  activitiesTotal: z.number(),
  attempt: z.number(),
  latestDecision: ZModuleDecision.nullable(),
});
export type TModuleSummary = z.infer<typeof ZModuleSummary>;

/** GET /api/modules: the mentor's pathway through the programme. */
export const ZPathwayResponse = z.object({
  mentor: z.object({ id: z.string(), name: z.string() }),
  versionId: z.string(),
  programmeTitle: z.string(),
  levels: z.array(z.object({ code: z.string(), title: z.string(), summary: z.string() })),
  modules: z.array(ZModuleSummary),
  passedCount: z.number(),
});
export type TPathwayResponse = z.infer<typeof ZPathwayResponse>;

/** GET /api/modules/:moduleCode: one module with its activities, reflection and history. */
export const ZModuleDetail = ZModuleSummary.extend({
  activities: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      kind: z.string(),
      description: z.string(),
      submit: z.string(),
      required: z.boolean(),
      done: z.boolean(),
    }),
  ),
  content: ZModuleContentView,
  /** For a locked module, what opens it: "Opens when Modules 1 and 2 are passed …"; null when open. */
  opensWhen: z.string().nullable(),
  reflection: z.string(),
  /** Files on the work as it stands (the mentor's working copy). */
  workFiles: z.array(ZModuleWorkFile),
  marking: z.object({
    scheme: z.enum(["score", "pass_resubmit"]),
    maximum: z.number(),
    passMark: z.number().nullable(),
  }),
  /** True while the mentor may change activities and reflection. */
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  /** What still stops submission, e.g. "Complete: Read the handbook". */
  submitBlockers: z.array(z.string()),
  submittedAt: z.string().nullable(),
  history: z.array(z.object({ attempt: z.number(), submittedAt: z.string(), decision: ZModuleDecision.nullable() })),
});
export type TModuleDetail = z.infer<typeof ZModuleDetail>;

/** /api/modules — a mentor's pathway and work on each module; staff read a mentor's with ?mentorUserId=. */
export const modulesEndpoints = {
  pathway: defineEndpoint({
    method: "GET",
    path: "/api/modules",
    input: { query: ZPathwayQuery },
    output: ZPathwayResponse,
  }),
  module: defineEndpoint({
    method: "GET",
    path: "/api/modules/:moduleCode",
    input: { params: ZModuleParams, query: ZPathwayQuery },
    output: ZModuleDetail,
  }),
  start: defineEndpoint({
    method: "POST",
    path: "/api/modules/:moduleCode/start",
    input: { params: ZModuleParams },
    output: ZModuleDetail,
  }),
  setActivity: defineEndpoint({
    method: "PUT",
    path: "/api/modules/:moduleCode/activities/:activityCode",
    input: { params: ZModuleActivityParams, body: ZModuleActivityUpdate },
    output: ZModuleDetail,
  }),
  saveReflection: defineEndpoint({
    method: "PUT",
    path: "/api/modules/:moduleCode/reflection",
    input: { params: ZModuleParams, body: ZModuleReflectionUpdate },
    output: ZModuleDetail,
  }),
  submit: defineEndpoint({
    method: "POST",
    path: "/api/modules/:moduleCode/submit",
    input: { params: ZModuleParams },
    output: ZModuleDetail,
    status: 201,
  }),
  /** A file shipped with the programme (a handbook, a template). */
  contentFile: defineEndpoint({
    method: "GET",
    path: "/api/modules/:moduleCode/files/:fileCode",
    input: { params: ZModuleFileParams, query: ZPathwayQuery },
    output: "file",
  }),
  /** One file (field "file") added to the mentor's work. */
  addWorkFile: defineEndpoint({
    method: "POST",
    path: "/api/modules/:moduleCode/work-files",
    input: { params: ZModuleParams, body: "multipart" },
    output: ZModuleDetail,
    status: 201,
  }),
  workFile: defineEndpoint({
    method: "GET",
    path: "/api/modules/:moduleCode/work-files/:fileId",
    input: { params: ZModuleWorkFileParams, query: ZPathwayQuery },
    output: "file",
  }),
  removeWorkFile: defineEndpoint({
    method: "DELETE",
    path: "/api/modules/:moduleCode/work-files/:fileId",
    input: { params: ZModuleWorkFileParams },
    output: ZModuleDetail,
  }),
};
