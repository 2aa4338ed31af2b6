import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** Something a tutor can place in the course: a module, a portfolio, the panel, the lead's dashboard. */
export const ZPlaceableItem = z.object({
  target: z.string(),
  title: z.string(),
  description: z.string(),
  /** Set when placing it makes a gradebook column. */
  gradebook: z.object({ resourceId: z.string(), scoreMaximum: z.number() }).nullable(),
});
export type TPlaceableItem = z.infer<typeof ZPlaceableItem>;

export const ZDeepLinkingOptionsResponse = z.object({
  items: z.array(ZPlaceableItem),
  acceptMultiple: z.boolean(),
});
export type TDeepLinkingOptionsResponse = z.infer<typeof ZDeepLinkingOptionsResponse>;

export const ZDeepLinkingResponseBody = z.object({
  targets: z.array(z.string().min(1).max(100)).min(1, "choose at least one thing to place").max(20),
});
export type TDeepLinkingResponseBody = z.infer<typeof ZDeepLinkingResponseBody>;

/** The form the browser posts back to the VLE (auto-submitted by the client). */
export const ZDeepLinkingResponse = z.object({
  form: z.object({ action: z.string().url(), fields: z.object({ JWT: z.string() }) }),
});
export type TDeepLinkingResponse = z.infer<typeof ZDeepLinkingResponse>;

/** /api/deep-linking — what a tutor adding the tool to a course can place, and the signed answer to the VLE. */
export const deepLinkingEndpoints = {
  options: defineEndpoint({ method: "GET", path: "/api/deep-linking/options", output: ZDeepLinkingOptionsResponse }),
  respond: defineEndpoint({
    method: "POST",
    path: "/api/deep-linking/response",
    input: { body: ZDeepLinkingResponseBody },
    output: ZDeepLinkingResponse,
  }),
};
