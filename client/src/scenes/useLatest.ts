import { useRef } from "react";
import type { QueryResult } from "../api/useQuery";

/**
 * The latest data a query has had, kept while it reloads, so a page that refreshes after a
 * save does not blank out (and lose the screen reader's place and its status message).
 */
export function useLatest<T>(query: QueryResult<T>): T | null {
  const kept = useRef<T | null>(null);
  if (query.status === "ready") kept.current = query.data;
  return kept.current;
}
