import { sessionEndpoints, type TSessionResponse } from "@contracts/session";
import { call } from "./call";

/** Who is signed in, in which course, and what they may do (GET /api/session). */
export function fetchSession(signal?: AbortSignal): Promise<TSessionResponse> {
  return call(sessionEndpoints.read, { signal });
}
