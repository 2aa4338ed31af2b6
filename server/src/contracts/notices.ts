import { z } from "zod";

export { ZNotice, ZNoticeList, type TNoticeList } from "./decisions";

/**
 * GET /api/notices: how many of the newest to send (the home page asks for a few unread ones, the
 * notifications page for more of all).
 */
export const ZNoticeListQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100").default(20).describe("How many notices"),
  only: z.enum(["unread"], { message: "must be unread, or left out for all" }).optional().describe("Which notices"),
});
export type TNoticeListQuery = z.input<typeof ZNoticeListQuery>;

/** POST /api/notices/read-all: how many were new and are now read. */
export const ZNoticesMarkedRead = z.object({ marked: z.number().int() });
