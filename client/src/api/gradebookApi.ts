import {
  ZGradeDeliveryListResponse,
  ZGradeDeliveryRetryResponse,
  ZGradebookLineItemsResponse,
  ZGradebookResultsResponse,
  ZLmsMarkListResponse,
  ZLmsMarkReadResponse,
  ZLmsMarkSettleResponse,
  type TDeliveryStatus,
} from "@contracts/gradebook";
import { ZRosterResponse, ZRosterSyncResponse } from "@contracts/roster";
import { ZDeepLinkingOptionsResponse, ZDeepLinkingResponse } from "@contracts/deepLinking";
import { apiRequest } from "./http";

/** Typed calls for the gradebook connection, the roster and deep linking. */
export const gradebookApi = {
  deliveries: (status: TDeliveryStatus | undefined, signal?: AbortSignal) =>
    apiRequest("GET", "/api/gradebook/deliveries", { schema: ZGradeDeliveryListResponse, query: { status }, signal }),
  retry: (id: string) => apiRequest("POST", `/api/gradebook/deliveries/${encodeURIComponent(id)}/retry`, { schema: ZGradeDeliveryRetryResponse }),
  lineItems: (signal?: AbortSignal) => apiRequest("GET", "/api/gradebook/line-items", { schema: ZGradebookLineItemsResponse, signal }),
  results: (resourceId: string) => apiRequest("GET", `/api/gradebook/line-items/${encodeURIComponent(resourceId)}/results`, { schema: ZGradebookResultsResponse }),
  lmsMarks: (signal?: AbortSignal) => apiRequest("GET", "/api/gradebook/lms-marks", { schema: ZLmsMarkListResponse, signal }),
  readLmsMarks: (signal?: AbortSignal) => apiRequest("POST", "/api/gradebook/lms-marks/read", { schema: ZLmsMarkReadResponse, signal }),
  settleLmsMark: (id: string, how: "adopt" | "dismiss") =>
    apiRequest("POST", `/api/gradebook/lms-marks/${encodeURIComponent(id)}/${how}`, { schema: ZLmsMarkSettleResponse }),
  roster: (signal?: AbortSignal) => apiRequest("GET", "/api/roster", { schema: ZRosterResponse, signal }),
  syncRoster: () => apiRequest("POST", "/api/roster/sync", { schema: ZRosterSyncResponse }),
  placeOptions: (signal?: AbortSignal) => apiRequest("GET", "/api/deep-linking/options", { schema: ZDeepLinkingOptionsResponse, signal }),
  place: (targets: string[]) => apiRequest("POST", "/api/deep-linking/response", { schema: ZDeepLinkingResponse, body: { targets } }),
};
