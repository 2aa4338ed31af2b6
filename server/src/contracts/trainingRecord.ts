import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** POST /api/training-record/import: a signed training record (the .jwt file's text). Staff name the mentor. */
export const ZTrainingRecordImport = z
  .object({
    mentorUserId: z.string().min(1).max(255).optional(),
    credential: z
      .string({ required_error: "Training record is required: paste the text of the .jwt file, or choose the file" })
      .trim()
      .min(1, "Training record is required: paste the text of the .jwt file, or choose the file")
      .max(512 * 1024, "Training record is too long to be a training record (at most 512 KB)")
      .describe("Training record"),
  })
  .strict();
export type TTrainingRecordImport = z.infer<typeof ZTrainingRecordImport>;

export const ZTrainingRecordQuery = z.object({ mentorUserId: z.string().min(1).max(255).optional() });

/** Training recognised from another partnership's signed record. */
export const ZRecognisedTraining = z.object({
  id: z.string(),
  issuerName: z.string(),
  /** The host the issuer's key was fetched from, e.g. "mentors.example.ac.uk". */
  issuerHost: z.string(),
  /** "recognised from <issuer>": how the tool names this training everywhere. */
  label: z.string(),
  issuedAt: z.string(),
  importedAt: z.string(),
  importedByName: z.string(),
  hours: z.array(
    z.object({
      academicYear: z.string(),
      kind: z.enum(["initial", "refresher"]),
      provider: z.string(),
      /** Completed hours at the issuer, counted here as exempted (prior learning): never funded here. */
      completedHours: z.number(),
      /** Hours the issuer itself exempted: listed, not counted. */
      exemptedHours: z.number(),
    }),
  ),
  modules: z.array(z.object({ code: z.string(), title: z.string() })),
  certificates: z.array(z.object({ title: z.string() })),
});
export type TRecognisedTraining = z.infer<typeof ZRecognisedTraining>;

export const ZRecognisedTrainingList = z.object({ records: z.array(ZRecognisedTraining) });
export type TRecognisedTrainingList = z.infer<typeof ZRecognisedTrainingList>;

/** The answer to an import: the record as recognised, and what changed. */
export const ZTrainingRecordImported = z.object({
  record: ZRecognisedTraining,
  /** Hours now counted as recognised (exempted) in the ledger from this record. */
  recognisedHours: z.number(),
  /** True when an older or the same record from this issuer was already here and nothing changed. */
  unchanged: z.boolean(),
  message: z.string(),
});
export type TTrainingRecordImported = z.infer<typeof ZTrainingRecordImported>;

/** /api/training-record — the signed record that travels between partnerships (?mentorUserId= for staff). */
export const trainingRecordEndpoints = {
  /** The mentor's signed record (CLR 2.0 / Open Badges 3.0) as a VC-JWT file. */
  download: defineEndpoint({
    method: "GET",
    path: "/api/training-record",
    input: { query: ZTrainingRecordQuery },
    output: "file",
  }),
  recognised: defineEndpoint({
    method: "GET",
    path: "/api/training-record/recognised",
    input: { query: ZTrainingRecordQuery },
    output: ZRecognisedTrainingList,
  }),
  /** 201 when recognised now; 200 when the same or an older record from the issuer was already here. */
  import: defineEndpoint({
    method: "POST",
    path: "/api/training-record/import",
    input: { body: ZTrainingRecordImport },
    output: ZTrainingRecordImported,
    status: 201,
  }),
};
