import { z } from "zod";
import { defineEndpoint } from "./endpoint";

const objectId = z.string().regex(/^[a-f0-9]{24}$/i, "must be a record id");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-22");

export const ZCreditStatus = z.enum(["provisional", "ratified", "reversed"]);
export type TCreditStatus = z.infer<typeof ZCreditStatus>;

export const ZCreditAwardParams = z.object({ awardId: objectId });

/** Filters for the award list and the transcript CSV. */
export const ZCreditListQuery = z.object({
  status: ZCreditStatus.optional(),
  mentorUserId: z.string().min(1).max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type TCreditListQuery = z.infer<typeof ZCreditListQuery>;

/** POST /api/credits/:awardId/ratify — the exam board's date and reference, and an optional note for its minutes. */
export const ZCreditRatify = z.object({
  boardDate: z
    .string({ required_error: "Exam board date is required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Exam board date must be a date like 2026-11-22")
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      "Exam board date is not a real date",
    ),
  boardReference: z
    .string({ required_error: "Exam board reference is required" })
    .trim()
    .min(1, "Exam board reference is required")
    .max(100, "Exam board reference must be at most 100 characters"),
  note: z.string().trim().max(500).optional(),
});
/** POST /api/credits/:awardId/reverse — a reversal must say why. */
export const ZCreditReverse = z.object({
  reason: z.string().trim().min(3, "must say why (at least 3 characters)").max(500),
});

export const ZCreditLedgerLine = z.object({
  id: z.string(),
  kind: z.enum(["award", "ratification", "reversal"]),
  recordedBy: z.string(),
  recordedAt: z.string(),
  reason: z.string().nullable(),
  /** A ratification's exam board date and reference. */
  boardDate: z.string().nullable(),
  boardReference: z.string().nullable(),
});

/** One credit award with its state, derived from the ledger lines that follow it. */
export const ZCreditAward = z.object({
  id: z.string(),
  mentor: z.object({ userId: z.string(), name: z.string() }),
  ruleCode: z.string(),
  transcriptCode: z.string(),
  qualificationCode: z.string(),
  programme: z.object({ code: z.string(), version: z.number(), versionId: z.string() }),
  credits: z.number(),
  fheqLevel: z.number(),
  awardedAt: z.string(),
  status: ZCreditStatus,
  evidence: z.array(
    z.object({
      condition: z.string(),
      description: z.string(),
      reference: z.string().nullable(),
      at: z.string().nullable(),
    }),
  ),
  history: z.array(ZCreditLedgerLine),
});
export type TCreditAward = z.infer<typeof ZCreditAward>;

export const ZCreditAwardList = z.object({ awards: z.array(ZCreditAward) });
export type TCreditAwardList = z.infer<typeof ZCreditAwardList>;

/** /api/credits — the credit ledger, ratification and reversal, and the registry's transcript CSV. */
export const creditsEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/credits",
    input: { query: ZCreditListQuery },
    output: ZCreditAwardList,
  }),
  transcript: defineEndpoint({
    method: "GET",
    path: "/api/credits/transcript.csv",
    input: { query: ZCreditListQuery },
    output: "file",
  }),
  award: defineEndpoint({
    method: "GET",
    path: "/api/credits/:awardId",
    input: { params: ZCreditAwardParams },
    output: ZCreditAward,
  }),
  ratify: defineEndpoint({
    method: "POST",
    path: "/api/credits/:awardId/ratify",
    input: { params: ZCreditAwardParams, body: ZCreditRatify },
    output: ZCreditAward,
  }),
  reverse: defineEndpoint({
    method: "POST",
    path: "/api/credits/:awardId/reverse",
    input: { params: ZCreditAwardParams, body: ZCreditReverse },
    output: ZCreditAward,
  }),
};
