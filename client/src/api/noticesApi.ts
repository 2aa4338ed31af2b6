import { ZNotice, ZNoticeList, ZNoticesMarkedRead, type TNoticeListQuery } from "@contracts/notices";
import { apiRequest } from "./http";

/** Typed calls for the signed-in person's notices (#17 item 5): the newest, one read, all read. */
export const noticesApi = {
  list: (query: TNoticeListQuery, signal?: AbortSignal) => apiRequest("GET", "/api/notices", { query, schema: ZNoticeList, signal }),
  markRead: (noticeId: string) => apiRequest("POST", `/api/notices/${noticeId}/read`, { schema: ZNotice }),
  markAllRead: () => apiRequest("POST", "/api/notices/read-all", { schema: ZNoticesMarkedRead }),
};
