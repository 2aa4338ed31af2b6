import { noticesEndpoints, type TNoticeListQuery } from "@contracts/notices";
import { call } from "./call";

/** Typed calls for the signed-in person's notices (#17 item 5): the newest, one read, all read. */
export const noticesApi = {
  list: (query: TNoticeListQuery, signal?: AbortSignal) => call(noticesEndpoints.list, { query, signal }),
  markRead: (noticeId: string) => call(noticesEndpoints.markRead, { params: { id: noticeId } }),
  markAllRead: () => call(noticesEndpoints.markAllRead),
};
