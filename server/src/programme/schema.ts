import { z } from "zod";
import { ZModuleContent } from "./moduleContent";
import { ZPanelRules } from "./panelRules";
import { ZPriorLearningRoute } from "./priorLearningRoute";

/**
 * A mentor development programme, as data: levels, modules, the mentor-standards framework,
 * the audit, funding rules for training hours, qualifications and the credit rule. Providers
 * load their own; records keep the version they were made under.
 */
const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a short code of letters, digits, '.', '_' or '-'");

export const ZDescriptor = z.object({ code, text: z.string().min(1) });
export const ZStandard = z.object({
  code,
  title: z.string().min(1),
  summary: z.string().min(1),
  descriptors: z.array(ZDescriptor).min(1, "must list at least one descriptor"),
});

export const ZActivity = z.object({
  code,
  title: z.string().min(1),
  kind: z.enum(["read", "task", "reflection", "meeting"]),
  /** The instructions: what to do. */
  description: z.string().min(1),
  /** What the mentor hands in for it (a note, a file, a record), shown beside the instructions. */
  submit: z.string().max(1000).default(""),
  required: z.boolean().default(true),
});

export const ZModule = z.object({
  code,
  number: z.number().int().positive(),
  title: z.string().min(1),
  level: code,
  summary: z.string().min(1),
  notionalHours: z.number().positive(),
  activities: z.array(ZActivity).min(1, "must list at least one activity"),
  /** What the module teaches: sections, links, files and videos (moduleContent.ts). */
  content: ZModuleContent.default({}),
  /** Module codes that must be complete (marked as passed) before this one opens. */
  prerequisites: z.array(code).default([]),
  /** Audit stage codes that must be completed before this module opens. */
  requiresAudits: z.array(code).default([]),
  marking: z.discriminatedUnion("scheme", [
    z.object({ scheme: z.literal("score"), maximum: z.number().positive(), passMark: z.number().nonnegative() }),
    z.object({ scheme: z.literal("pass_resubmit") }),
  ]),
  /** Standard codes the module's work evidences. */
  standards: z.array(code).default([]),
  gradebook: z.boolean().default(true),
});

export const ZLevel = z.object({ code, title: z.string().min(1), summary: z.string().min(1) });

/** One field of a record sheet, as the programme defines it (e.g. "Placement school", "Dates of the placement"). */
export const ZRecordSheetField = z.object({
  code,
  label: z.string().min(1),
  /** A line of text, a longer answer, or a day. */
  kind: z.enum(["text", "longText", "date"]).default("text"),
  hint: z.string().default(""),
  required: z.boolean().default(true),
});

/**
 * Who may sign off a mentor's record sheet: their assigned link tutor or lead mentor, or the
 * coordinating mentor of their school (commands/supportReads.ts).
 */
export const ZSignOffBy = z.enum(["linkTutor", "leadMentor", "coordinatingMentor"]);

/**
 * How a level's certificate is earned: the review panel judges a portfolio (the default), or the
 * mentor completes a record sheet and a second person the programme names signs it off. Either
 * way the programme lead releases the award, and it can be revoked.
 */
export const ZCertification = z
  .discriminatedUnion("method", [
    z.object({ method: z.literal("panel") }),
    z.object({
      method: z.literal("recordSheet"),
      fields: z.array(ZRecordSheetField).min(1, "must list at least one field"),
      signedOffBy: z.array(ZSignOffBy).min(1, "must name who signs the record sheet off"),
    }),
  ])
  .default({ method: "panel" });

export const ZQualification = z.object({
  code,
  title: z.string().min(1),
  summary: z.string().min(1),
  /** Modules that must be complete before a portfolio for this qualification can be submitted. */
  requiredModules: z.array(code).default([]),
  /** Dated evidence must span at least this many days (e.g. a full year's cycle for Mastery). */
  minimumEvidenceSpanDays: z.number().int().nonnegative().default(0),
  /** Offers the prior-learning route with default rules (older files); `priorLearning` below says what it waives and requires. */
  priorLearningAllowed: z.boolean().default(false),
  /** The prior-learning route, where this qualification offers it (see priorLearningRoute.ts). */
  priorLearning: ZPriorLearningRoute.nullable().default(null),
  gradebook: z.boolean().default(false),
  certification: ZCertification,
});

export const ZAuditStage = z.object({
  code,
  title: z.string().min(1),
  /** An earlier stage that must be complete before this one can be taken. */
  after: code.nullable().default(null),
  /** Modules that must be passed before this stage opens (the audit before Mastery waits for the Entry modules). */
  requiresModules: z.array(code).default([]),
});

export const ZFundingYear = z.object({
  academicYear: z.string().regex(/^\d{4}\/\d{2}$/, "must look like 2025/26"),
  initialCapHours: z.number().nonnegative(),
  refresherCapHours: z.number().nonnegative(),
  /** This year's rate per band where it differs from the programme's rateBands (e.g. entered by a lead for a new year). */
  rates: z.array(z.object({ code, pencePerHour: z.number().int().positive() })).optional(),
});

export const ZRateBand = z.object({ code, label: z.string().min(1), pencePerHour: z.number().int().positive() });

export const ZCreditRule = z.object({
  code,
  title: z.string().min(1),
  credits: z.number().int().positive(),
  /** FHEQ level; 7 is Masters (M-level). */
  fheqLevel: z.number().int().min(4).max(8),
  /** 1 credit = 10 notional learning hours in England. */
  notionalHours: z.number().positive(),
  /** Transcript line code the registry recognises. */
  transcriptCode: z.string().min(1),
  requiredModules: z.array(code).min(1),
  /** The qualification whose approved portfolio completes the rule. */
  requiredQualification: code,
});

export const ZProgramme = z
  .object({
    code,
    version: z.number().int().positive(),
    title: z.string().min(1),
    partnership: z.string().min(1),
    levels: z.array(ZLevel).min(1),
    modules: z.array(ZModule).min(1),
    standards: z.array(ZStandard).min(1),
    audit: z.object({
      scale: z
        .array(z.object({ value: z.number().int(), label: z.string().min(1) }))
        .min(2, "must have at least two points"),
      stages: z.array(ZAuditStage).min(1),
    }),
    funding: z.object({
      years: z.array(ZFundingYear).min(1),
      rateBands: z.array(ZRateBand).min(1),
      /** Ask mentors for their date of birth, which the school's DfE claim needs (off unless a programme opts in). */
      askDateOfBirth: z.boolean().default(false),
    }),
    qualifications: z.array(ZQualification).min(1),
    creditRule: ZCreditRule,
    panel: ZPanelRules,
    /**
     * Marks a tutor enters or changes in the LMS gradebook for a module column: offered to a
     * tutor to adopt ("ask"), or adopted as the module's mark straight away ("automatically").
     * A mark changed in both places is always left for a person.
     */
    lmsMarks: z.object({ adopt: z.enum(["ask", "automatically"]).default("ask") }).default({}),
  })
  .superRefine((p, ctx) => {
    const moduleCodes = new Set(p.modules.map((m) => m.code));
    const levelCodes = new Set(p.levels.map((l) => l.code));
    const standardCodes = new Set(p.standards.map((s) => s.code));
    const stageCodes = new Set(p.audit.stages.map((s) => s.code));
    const qualificationCodes = new Set(p.qualifications.map((q) => q.code));
    const unique = (codes: string[], path: string) => {
      const seen = new Set<string>();
      codes.forEach((c, i) => {
        if (seen.has(c)) ctx.addIssue({ code: "custom", path: [path, i, "code"], message: `duplicate code "${c}"` });
        seen.add(c);
      });
    };
    unique(
      p.modules.map((m) => m.code),
      "modules",
    );
    unique(
      p.standards.map((s) => s.code),
      "standards",
    );
    unique(
      p.levels.map((l) => l.code),
      "levels",
    );
    p.modules.forEach((m, i) => {
      if (!levelCodes.has(m.level))
        ctx.addIssue({ code: "custom", path: ["modules", i, "level"], message: `names unknown level "${m.level}"` });
      m.prerequisites.forEach((pre, j) => {
        if (!moduleCodes.has(pre))
          ctx.addIssue({
            code: "custom",
            path: ["modules", i, "prerequisites", j],
            message: `names unknown module "${pre}"`,
          });
        if (pre === m.code)
          ctx.addIssue({
            code: "custom",
            path: ["modules", i, "prerequisites", j],
            message: "a module cannot require itself",
          });
      });
      m.requiresAudits.forEach((a, j) => {
        if (!stageCodes.has(a))
          ctx.addIssue({
            code: "custom",
            path: ["modules", i, "requiresAudits", j],
            message: `names unknown audit stage "${a}"`,
          });
      });
      m.standards.forEach((s, j) => {
        if (!standardCodes.has(s))
          ctx.addIssue({
            code: "custom",
            path: ["modules", i, "standards", j],
            message: `names unknown standard "${s}"`,
          });
      });
      const fileCodes = new Set<string>();
      m.content.files.forEach((f, j) => {
        if (fileCodes.has(f.code))
          ctx.addIssue({
            code: "custom",
            path: ["modules", i, "content", "files", j, "code"],
            message: `duplicate code "${f.code}"`,
          });
        fileCodes.add(f.code);
      });
      if (m.marking.scheme === "score" && m.marking.passMark > m.marking.maximum) {
        ctx.addIssue({
          code: "custom",
          path: ["modules", i, "marking", "passMark"],
          message: "cannot exceed the maximum",
        });
      }
    });
    p.audit.stages.forEach((s, i) => {
      if (s.after && !stageCodes.has(s.after))
        ctx.addIssue({
          code: "custom",
          path: ["audit", "stages", i, "after"],
          message: `names unknown stage "${s.after}"`,
        });
      s.requiresModules.forEach((m, j) => {
        if (!moduleCodes.has(m))
          ctx.addIssue({
            code: "custom",
            path: ["audit", "stages", i, "requiresModules", j],
            message: `names unknown module "${m}"`,
          });
      });
    });
    p.qualifications.forEach((q, i) => {
      q.requiredModules.forEach((m, j) => {
        if (!moduleCodes.has(m))
          ctx.addIssue({
            code: "custom",
            path: ["qualifications", i, "requiredModules", j],
            message: `names unknown module "${m}"`,
          });
      });
      q.priorLearning?.waivesModules.forEach((m, j) => {
        if (!q.requiredModules.includes(m))
          ctx.addIssue({
            code: "custom",
            path: ["qualifications", i, "priorLearning", "waivesModules", j],
            message: `names "${m}", which is not a required module of ${q.code}`,
          });
      });
      if (q.certification.method === "recordSheet") {
        const seen = new Set<string>();
        q.certification.fields.forEach((f, j) => {
          if (seen.has(f.code))
            ctx.addIssue({
              code: "custom",
              path: ["qualifications", i, "certification", "fields", j, "code"],
              message: `duplicate code "${f.code}"`,
            });
          seen.add(f.code);
        });
      }
    });
    p.creditRule.requiredModules.forEach((m, j) => {
      if (!moduleCodes.has(m))
        ctx.addIssue({
          code: "custom",
          path: ["creditRule", "requiredModules", j],
          message: `names unknown module "${m}"`,
        });
    });
    if (!qualificationCodes.has(p.creditRule.requiredQualification)) {
      ctx.addIssue({
        code: "custom",
        path: ["creditRule", "requiredQualification"],
        message: `names unknown qualification "${p.creditRule.requiredQualification}"`,
      });
    }
  });

export type TProgramme = z.infer<typeof ZProgramme>;
export type TModule = z.infer<typeof ZModule>;
export type TStandard = z.infer<typeof ZStandard>;
export type TQualification = z.infer<typeof ZQualification>;
export type TRecordSheetField = z.infer<typeof ZRecordSheetField>;
export type TSignOffBy = z.infer<typeof ZSignOffBy>;

/** Thrown for an invalid programme file; the message names each bad field. */
export class ProgrammeError extends Error {
  override name = "ProgrammeError";
}

/** Validates a programme definition, naming each bad field (e.g. "modules.2.level names unknown level"). */
export function parseProgramme(json: unknown, source = "programme"): TProgramme {
  const parsed = ZProgramme.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(programme)"} ${i.message}`);
    throw new ProgrammeError(`${source} is not a valid programme definition:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
