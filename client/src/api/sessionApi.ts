import { ZSessionResponse, type TSessionResponse } from "@contracts/session";
import { apiRequest } from "./http";

/** Who is signed in, in which course, and what they may do (GET /api/session). */
export function fetchSession(signal?: AbortSignal): Promise<TSessionResponse> {
  return apiRequest("GET", "/api/session", { schema: ZSessionResponse, signal });
}
