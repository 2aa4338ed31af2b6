import { gradebookEndpoints, type TDeliveryStatus } from "@contracts/gradebook";
import { rosterEndpoints } from "@contracts/roster";
import { deepLinkingEndpoints } from "@contracts/deepLinking";
import { call } from "./call";

/** Typed calls for the gradebook connection, the roster and deep linking. */
export const gradebookApi = {
  deliveries: (status: TDeliveryStatus | undefined, signal?: AbortSignal) =>
    call(gradebookEndpoints.deliveries, { query: { status }, signal }),
  retry: (id: string) => call(gradebookEndpoints.retry, { params: { id } }),
  lineItems: (signal?: AbortSignal) => call(gradebookEndpoints.lineItems, { signal }),
  results: (resourceId: string) => call(gradebookEndpoints.results, { params: { resourceId } }),
  lmsMarks: (signal?: AbortSignal) => call(gradebookEndpoints.lmsMarks, { signal }),
  readLmsMarks: (signal?: AbortSignal) => call(gradebookEndpoints.readLmsMarks, { signal }),
  settleLmsMark: (id: string, how: "adopt" | "dismiss") =>
    call(how === "adopt" ? gradebookEndpoints.adoptLmsMark : gradebookEndpoints.dismissLmsMark, { params: { id } }),
  roster: (signal?: AbortSignal) => call(rosterEndpoints.list, { signal }),
  syncRoster: () => call(rosterEndpoints.sync),
  placeOptions: (signal?: AbortSignal) => call(deepLinkingEndpoints.options, { signal }),
  place: (targets: string[]) => call(deepLinkingEndpoints.respond, { body: { targets } }),
};
