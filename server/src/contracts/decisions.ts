import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** Which part of the decision record to read: one mentor's, one round's, or the course's. */
export const ZDecisionListQuery = z.object({
  mentorUserId: z.string().min(1).max(255).optional().describe("Mentor"),
  roundId: z
    .string()
    .regex(/^[0-9a-f]{24}$/, "is not a panel round")
    .optional()
    .describe("Panel round"),
});
export type TDecisionListQuery = z.infer<typeof ZDecisionListQuery>;

export const ZDecisionEntry = z.object({
  seq: z.number().int(),
  kind: z.string(),
  at: z.string(),
  actor: z.object({ userId: z.string(), name: z.string(), role: z.string() }),
  subject: z.string(),
  mentorUserId: z.string().nullable(),
  roundId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
export type TDecisionEntry = z.infer<typeof ZDecisionEntry>;
export const ZDecisionList = z.object({ entries: z.array(ZDecisionEntry) });

/** The result of checking a course's chain end to end. */
export const ZDecisionChainCheck = z.object({
  entries: z.number().int(),
  isIntact: z.boolean(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});
export type TDecisionChainCheck = z.infer<typeof ZDecisionChainCheck>;

/** A notice on a mentor's home page. */
export const ZNotice = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
/** The newest notices and how many of all the mentor's notices are unread. */
export const ZNoticeList = z.object({ notices: z.array(ZNotice), unread: z.number().int() });
export type TNoticeList = z.infer<typeof ZNoticeList>;

/** /api/decisions — the course's tamper-evident decision record, its CSV and its check (programme lead). */
export const decisionsEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/decisions",
    input: { query: ZDecisionListQuery },
    output: ZDecisionList,
  }),
  exportCsv: defineEndpoint({
    method: "GET",
    path: "/api/decisions/export.csv",
    input: { query: ZDecisionListQuery },
    output: "file",
  }),
  verify: defineEndpoint({ method: "GET", path: "/api/decisions/verify", output: ZDecisionChainCheck }),
};
