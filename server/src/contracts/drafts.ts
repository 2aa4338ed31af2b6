import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/**
 * Drafts: what a person has typed into a long form and not yet saved, kept as they type so that
 * nothing is lost when their session ends (#17 item 2). One draft per person, course and form.
 */

/** Limits a draft is held to; the client checks them too, before sending. */
export const draftRules = {
  /** The longest box a form has (the reflective narrative) takes 100,000 characters. */
  maxFieldChars: 100_000,
  maxFields: 12,
  /** All boxes together: keeps one draft well inside the API's 1 MB request limit. */
  maxTotalChars: 200_000,
} as const;

/**
 * Which form a draft belongs to: a kind, and what is being written when it is not new, e.g.
 * "evidence:new", "evidence:65f0c2a1b4e8d9f0a1b2c3d4", "module-work:M1".
 */
export const ZDraftFormKey = z
  .string()
  .regex(/^[a-z][a-z-]{0,39}:[A-Za-z0-9_-]{1,64}$/, "is not a form this tool has: please reload the page")
  .describe("Form");

/** One box of the form as the person left it. */
export const ZDraftField = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, "is not a box of this form: please reload the page")
    .describe("Box name"),
  /** What the form calls the box, so a refusal can name it. */
  label: z.string().trim().min(1).max(100).describe("Box label"),
  value: z
    .string()
    .max(
      draftRules.maxFieldChars,
      `is too long to keep as a draft: a box can hold ${draftRules.maxFieldChars.toLocaleString("en-GB")} characters, so please shorten it`,
    )
    .describe("{label}"),
});

/** PUT /api/drafts/:formKey — the draft as it stands now, replacing the one kept before. */
export const ZDraftSave = z
  .object({
    /** What the draft is of, in the person's words ("your evidence ‘Weekly meeting’"), for the session-ended message. */
    title: z.string().trim().max(200, "must be 200 characters or fewer").describe("Title"),
    fields: z
      .array(ZDraftField)
      .min(1, "must have at least one box")
      .max(draftRules.maxFields, `can have at most ${draftRules.maxFields} boxes`)
      .describe("The draft"),
  })
  .strict()
  .superRefine((draft, ctx) => {
    const total = draft.fields.reduce((sum, f) => sum + f.value.length, 0);
    if (total > draftRules.maxTotalChars) {
      ctx.addIssue({
        code: "custom",
        path: ["fields"],
        message: `is too long to keep: a draft can hold ${draftRules.maxTotalChars.toLocaleString("en-GB")} characters in all and this one has ${total.toLocaleString("en-GB")}, so please shorten it`,
      });
    }
  });
export type TDraftSave = z.infer<typeof ZDraftSave>;

export const ZDraftParams = z.object({ formKey: ZDraftFormKey });

/** How many forms one read may name: a page's forms (say, a comment box per evidence item) asked at once. */
export const MAX_DRAFT_FORMS_PER_READ = 100;

/**
 * GET /api/drafts?form=…[&form=…] — the drafts of the forms named (repeat `form` for several), or
 * the person's newest drafts in this course.
 */
export const ZDraftListQuery = z.object({
  // One `form` arrives as a string, several as an array: both are a list here, so an unknown form
  // is refused in the words of the form key itself.
  form: z
    .preprocess(
      (v) => (typeof v === "string" ? [v] : v),
      z
        .array(ZDraftFormKey)
        .min(1)
        .max(MAX_DRAFT_FORMS_PER_READ, `can name at most ${MAX_DRAFT_FORMS_PER_READ} forms at once`),
    )
    .describe("Form")
    .optional(),
});

/** A kept draft, as only its author ever sees it. */
export const ZDraft = z.object({
  formKey: z.string(),
  title: z.string(),
  fields: z.array(z.object({ name: z.string(), label: z.string(), value: z.string() })),
  /** When the server kept it (ISO); the client compares it with a copy kept on the device. */
  savedAt: z.string(),
});
export type TDraft = z.infer<typeof ZDraft>;

export const ZDraftList = z.object({ drafts: z.array(ZDraft) });
export type TDraftList = z.infer<typeof ZDraftList>;

/** The answer to a save: when it was kept. */
export const ZDraftSaved = z.object({ formKey: z.string(), savedAt: z.string() });
export type TDraftSaved = z.infer<typeof ZDraftSaved>;

/** /api/drafts — the signed-in person's own drafts in this course. */
export const draftsEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/drafts", input: { query: ZDraftListQuery }, output: ZDraftList }),
  save: defineEndpoint({
    method: "PUT",
    path: "/api/drafts/:formKey",
    input: { params: ZDraftParams, body: ZDraftSave },
    output: ZDraftSaved,
  }),
  discard: defineEndpoint({
    method: "DELETE",
    path: "/api/drafts/:formKey",
    input: { params: ZDraftParams },
    output: "none",
  }),
};
