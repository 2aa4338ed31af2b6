import { z } from "zod";
import { ZNotice, ZNoticeList } from "./decisions";
import { defineEndpoint } from "./endpoint";
import { ZObjectId } from "./evidence";

export { ZNotice, ZNoticeList, type TNoticeList } from "./decisions";

/**
 * GET /api/notices: how many of the newest to send (the home page asks for a few unread ones, the
 * notifications page for more of all).
 */
export const ZNoticeListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, "must be between 1 and 100")
    .max(100, "must be between 1 and 100")
    .default(20)
    .describe("How many notices"),
  only: z.enum(["unread"], { message: "must be unread, or left out for all" }).optional().describe("Which notices"),
});
export type TNoticeListQuery = z.input<typeof ZNoticeListQuery>;

/** POST /api/notices/read-all: how many were new and are now read. */
export const ZNoticesMarkedRead = z.object({ marked: z.number().int() });

/** One notice, named by its id. */
export const ZNoticeParams = z.object({ id: ZObjectId.describe("Notice") });

/** /api/notices — the signed-in person's own notices, newest first, and marking them read. */
export const noticesEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/notices",
    input: { query: ZNoticeListQuery },
    output: ZNoticeList,
  }),
  markRead: defineEndpoint({
    method: "POST",
    path: "/api/notices/:id/read",
    input: { params: ZNoticeParams },
    output: ZNotice,
  }),
  markAllRead: defineEndpoint({ method: "POST", path: "/api/notices/read-all", output: ZNoticesMarkedRead }),
};
