import { z } from "zod";
import { defineEndpoint } from "./endpoint";

const objectId = z.string().regex(/^[a-f0-9]{24}$/i, "must be a record id");
const qualificationCode = z.string().min(1).max(50).describe("Qualification");

/** Where a record sheet is: the mentor fills it in, submits it, a second person signs it off, the lead releases the award. */
export const ZRecordSheetStatus = z.enum(["draft", "submitted", "signed", "released"]);
export type TRecordSheetStatus = z.infer<typeof ZRecordSheetStatus>;

/** Who signs record sheets off, as the programme names them (the mentor's link tutor, lead mentor or school's coordinating mentor). */
export const ZRecordSheetSigner = z.enum(["linkTutor", "leadMentor", "coordinatingMentor"]);
export type TRecordSheetSigner = z.infer<typeof ZRecordSheetSigner>;

/** Params naming the mentor's own sheet by its qualification. */
export const ZRecordSheetQualificationParams = z.object({ qualificationCode });
/** Params naming one sheet (for the people who sign it off and release it). */
export const ZRecordSheetParams = z.object({ sheetId: objectId });

/** PUT /api/record-sheets/:qualificationCode (save) and POST .../submit (save and submit for sign-off). */
export const ZRecordSheetSave = z.object({
  values: z.record(z.string().min(1).max(50), z.string().max(5000)).default({}).describe("Record sheet"),
  expectedVersion: z.number().int().nonnegative(),
});
export type TRecordSheetSave = z.infer<typeof ZRecordSheetSave>;

/** POST /api/record-sheets/:sheetId/sign-off */
export const ZRecordSheetSignOff = z.object({
  comment: z.string().trim().max(1000).default("").describe("Comment"),
  expectedVersion: z.number().int().nonnegative(),
});
export type TRecordSheetSignOff = z.infer<typeof ZRecordSheetSignOff>;

/** POST /api/record-sheets/:sheetId/release */
export const ZRecordSheetRelease = z.object({ expectedVersion: z.number().int().nonnegative() });

export const ZRecordSheetField = z.object({
  code: z.string(),
  label: z.string(),
  kind: z.enum(["text", "longText", "date"]),
  hint: z.string(),
  required: z.boolean(),
});

/** A record sheet as its mentor, its signer and the programme lead see it. */
export const ZRecordSheet = z.object({
  /** Null for a sheet the mentor has not started. */
  id: z.string().nullable(),
  qualification: z.object({ code: z.string(), title: z.string(), summary: z.string() }),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  fields: z.array(ZRecordSheetField),
  values: z.record(z.string(), z.string()),
  /** "signed" reaches the mentor only on release: until then they see "submitted". */
  status: ZRecordSheetStatus,
  version: z.number().int(),
  /** Who the programme lets sign it off. */
  signedOffBy: z.array(ZRecordSheetSigner),
  submittedAt: z.string().nullable(),
  signOff: z
    .object({ userId: z.string(), name: z.string(), role: ZRecordSheetSigner, at: z.string(), comment: z.string() })
    .nullable(),
  releasedAt: z.string().nullable(),
  abilities: z.object({ edit: z.boolean(), signOff: z.boolean(), release: z.boolean() }),
});
export type TRecordSheet = z.infer<typeof ZRecordSheet>;

/** GET /api/record-sheets: the actor's own sheets, those waiting for their signature, and (leads) those to release. */
export const ZRecordSheetList = z.object({
  mine: z.array(ZRecordSheet),
  toSignOff: z.array(ZRecordSheet),
  toRelease: z.array(ZRecordSheet),
});
export type TRecordSheetList = z.infer<typeof ZRecordSheetList>;

/** /api/record-sheets — certification by record-sheet sign-off: save, submit, sign off, release. */
export const recordSheetsEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/record-sheets", output: ZRecordSheetList }),
  save: defineEndpoint({
    method: "PUT",
    path: "/api/record-sheets/:qualificationCode",
    input: { params: ZRecordSheetQualificationParams, body: ZRecordSheetSave },
    output: ZRecordSheet,
  }),
  submit: defineEndpoint({
    method: "POST",
    path: "/api/record-sheets/:qualificationCode/submit",
    input: { params: ZRecordSheetQualificationParams, body: ZRecordSheetSave },
    output: ZRecordSheet,
    status: 201,
  }),
  signOff: defineEndpoint({
    method: "POST",
    path: "/api/record-sheets/:sheetId/sign-off",
    input: { params: ZRecordSheetParams, body: ZRecordSheetSignOff },
    output: ZRecordSheet,
    status: 201,
  }),
  release: defineEndpoint({
    method: "POST",
    path: "/api/record-sheets/:sheetId/release",
    input: { params: ZRecordSheetParams, body: ZRecordSheetRelease },
    output: ZRecordSheet,
  }),
};
