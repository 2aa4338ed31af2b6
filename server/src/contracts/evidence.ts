import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** A calendar date, "2026-11-22": the day of the practice the evidence records. */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-22")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "must be a real date");

export const ZObjectId = z.string().regex(/^[a-f0-9]{24}$/i, "must be an id");

/** How one piece of evidence shows a standard (or one of its descriptors). */
export const ZStandardLink = z.object({
  standardCode: z.string().min(1).max(20).describe("Standard {standardCode}"),
  /** A descriptor of that standard, or null when the evidence speaks to the standard as a whole. */
  descriptorCode: z.string().min(1).max(20).nullable().default(null),
  note: z
    .string()
    .trim()
    .max(500, "must be 500 characters or fewer")
    .default("")
    .describe("How it shows {standardCode}"),
});
export type TStandardLink = z.infer<typeof ZStandardLink>;

export const ZWebLink = z.object({
  url: z
    .string()
    .trim()
    .url("must be a full web address, starting with https://")
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://")
    .describe("Web links, line {n}"),
  label: z.string().trim().max(200).default("").describe("Web links, line {n}"),
});
export type TWebLink = z.infer<typeof ZWebLink>;

const evidenceFields = {
  title: z
    .string()
    .trim()
    .min(1, "is required: please give the evidence a title")
    .max(200, "must be 200 characters or fewer")
    .describe("Title"),
  practiceDate: ZIsoDate.describe("Date of the practice"),
  /** Rich text (HTML); the server keeps only safe formatting and drops any script. */
  narrativeHtml: z.string().max(100_000, "is too long: please shorten it").default("").describe("Reflective narrative"),
  links: z.array(ZWebLink).max(20, "can hold up to 20 links").default([]).describe("Web links"),
  standards: z.array(ZStandardLink).max(60, "can hold up to 60 links to standards").default([]).describe("Standards"),
};

export const ZEvidenceCreate = z.object(evidenceFields);
export type TEvidenceCreate = z.infer<typeof ZEvidenceCreate>;

/** An edit names the version it was made from, so two tabs cannot overwrite each other. */
export const ZEvidenceUpdate = z.object({
  title: evidenceFields.title.optional(),
  practiceDate: ZIsoDate.optional(),
  narrativeHtml: z.string().max(100_000, "is too long").optional(),
  links: z.array(ZWebLink).max(20).optional(),
  standards: z.array(ZStandardLink).max(60).optional(),
  expectedVersion: z.number().int().nonnegative(),
});
export type TEvidenceUpdate = z.infer<typeof ZEvidenceUpdate>;

export const ZEvidenceReorder = z.object({ order: z.array(ZObjectId).min(1).max(1000) });
export const ZEvidenceParams = z.object({ evidenceId: ZObjectId });
export const ZAttachmentParams = z.object({ evidenceId: ZObjectId, attachmentId: ZObjectId });
export const ZEvidenceListQuery = z.object({ archived: z.enum(["exclude", "include", "only"]).default("exclude") });

export const ZAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZEvidence = z.object({
  id: z.string(),
  title: z.string(),
  practiceDate: z.string(),
  narrativeHtml: z.string(),
  links: z.array(z.object({ url: z.string(), label: z.string() })),
  standards: z.array(z.object({ standardCode: z.string(), descriptorCode: z.string().nullable(), note: z.string() })),
  attachments: z.array(ZAttachment),
  position: z.number(),
  archivedAt: z.string().nullable(),
  /** Numbers of submitted portfolio versions holding a copy of this item. */
  submittedIn: z.array(z.object({ qualificationCode: z.string(), number: z.number().int() })),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TEvidence = z.infer<typeof ZEvidence>;

export const ZEvidenceList = z.object({ items: z.array(ZEvidence) });
export type TEvidenceList = z.infer<typeof ZEvidenceList>;

/** Limits the client shows before an upload; the server enforces them by content. */
export const attachmentRules = {
  maxBytes: 10 * 1024 * 1024,
  allowed: [
    { mimeType: "application/pdf", extensions: ["pdf"], label: "PDF" },
    { mimeType: "image/png", extensions: ["png"], label: "PNG image" },
    { mimeType: "image/jpeg", extensions: ["jpg", "jpeg"], label: "JPEG image" },
    { mimeType: "image/webp", extensions: ["webp"], label: "WebP image" },
    // iPhone photos: file-type names the brand "heic" image/heic and "mif1" image/heif; either may be named .heic or .heif.
    { mimeType: "image/heic", extensions: ["heic", "heif"], label: "HEIC photo" },
    { mimeType: "image/heif", extensions: ["heif", "heic"], label: "HEIF photo" },
    {
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      extensions: ["docx"],
      label: "Word document",
    },
    {
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      extensions: ["xlsx"],
      label: "Excel workbook",
    },
    {
      mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      extensions: ["pptx"],
      label: "PowerPoint presentation",
    },
    { mimeType: "audio/mpeg", extensions: ["mp3"], label: "MP3 audio" },
    { mimeType: "video/mp4", extensions: ["mp4"], label: "MP4 video" },
    // Plain text has no signature: accepted when the content is UTF-8 text without control characters (storage/fileCheck.ts).
    { mimeType: "text/plain", extensions: ["txt"], label: "Text file" },
  ],
} as const;

/** The programme's standards and descriptors, for linking evidence. */
export const ZStandardsList = z.object({
  standards: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      descriptors: z.array(z.object({ code: z.string(), text: z.string() })),
    }),
  ),
});
export type TStandardsList = z.infer<typeof ZStandardsList>;
export const ZAttachmentRemoved = z.object({ result: z.enum(["archived", "deleted"]) });

/** Something the mentor deleted, kept in the bin until `purgeAt` (30 days); evidence brings its files back with it. */
export const ZEvidenceBinItem = z.object({
  kind: z.enum(["evidence", "attachment"]),
  id: z.string(),
  /** The evidence itself, or the evidence the file was attached to. */
  evidenceId: z.string(),
  evidenceTitle: z.string(),
  /** The file's name; null for evidence. */
  filename: z.string().nullable(),
  deletedAt: z.string(),
  purgeAt: z.string(),
});
export type TEvidenceBinItem = z.infer<typeof ZEvidenceBinItem>;
/** GET /api/evidence/bin: newest deletion first. */
export const ZEvidenceBin = z.object({ items: z.array(ZEvidenceBinItem) });
export type TEvidenceBin = z.infer<typeof ZEvidenceBin>;

/** /api/evidence — a mentor's own evidence: items, links to standards, attachments, the bin. */
export const evidenceEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/evidence",
    input: { query: ZEvidenceListQuery },
    output: ZEvidenceList,
  }),
  standards: defineEndpoint({ method: "GET", path: "/api/evidence/standards", output: ZStandardsList }),
  bin: defineEndpoint({ method: "GET", path: "/api/evidence/bin", output: ZEvidenceBin }),
  restoreFromBin: defineEndpoint({
    method: "POST",
    path: "/api/evidence/bin/:evidenceId/restore",
    input: { params: ZEvidenceParams },
    output: ZEvidence,
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/api/evidence",
    input: { body: ZEvidenceCreate },
    output: ZEvidence,
    status: 201,
  }),
  reorder: defineEndpoint({
    method: "PUT",
    path: "/api/evidence/order",
    input: { body: ZEvidenceReorder },
    output: "none",
  }),
  one: defineEndpoint({
    method: "GET",
    path: "/api/evidence/:evidenceId",
    input: { params: ZEvidenceParams },
    output: ZEvidence,
  }),
  update: defineEndpoint({
    method: "PATCH",
    path: "/api/evidence/:evidenceId",
    input: { params: ZEvidenceParams, body: ZEvidenceUpdate },
    output: ZEvidence,
  }),
  archive: defineEndpoint({
    method: "POST",
    path: "/api/evidence/:evidenceId/archive",
    input: { params: ZEvidenceParams },
    output: ZEvidence,
  }),
  unarchive: defineEndpoint({
    method: "POST",
    path: "/api/evidence/:evidenceId/restore",
    input: { params: ZEvidenceParams },
    output: ZEvidence,
  }),
  remove: defineEndpoint({
    method: "DELETE",
    path: "/api/evidence/:evidenceId",
    input: { params: ZEvidenceParams },
    output: "none",
  }),
  /** One file (field "file"), checked by its content. */
  attach: defineEndpoint({
    method: "POST",
    path: "/api/evidence/:evidenceId/attachments",
    input: { params: ZEvidenceParams, body: "multipart" },
    output: ZAttachment,
    status: 201,
  }),
  attachment: defineEndpoint({
    method: "GET",
    path: "/api/evidence/:evidenceId/attachments/:attachmentId",
    input: { params: ZAttachmentParams },
    output: "file",
  }),
  removeAttachment: defineEndpoint({
    method: "DELETE",
    path: "/api/evidence/:evidenceId/attachments/:attachmentId",
    input: { params: ZAttachmentParams },
    output: ZAttachmentRemoved,
  }),
  restoreAttachment: defineEndpoint({
    method: "POST",
    path: "/api/evidence/:evidenceId/attachments/:attachmentId/restore",
    input: { params: ZAttachmentParams },
    output: ZAttachment,
  }),
};
