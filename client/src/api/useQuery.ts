import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import { ApiError, toApiError } from "./ApiError";

/** What a scene renders from: still loading, failed, or ready with data. */
export type QueryState<T> = { status: "loading" } | { status: "error"; error: ApiError } | { status: "ready"; data: T };

export type QueryResult<T> = QueryState<T> & {
  /** Loads again (after an error, or after a change made elsewhere). */
  reload: () => void;
  /** Loads again while the current answer stays on screen (for polling: no "Loading…" flash, focus kept). */
  refresh: () => void;
};

/**
 * Runs `load` when the component mounts and whenever `deps` change, cancelling
 * the previous request so a slow answer never overwrites a newer one.
 *
 * @example
 * const pathway = useQuery((signal) => call(modulesEndpoints.pathway, { signal }), []);
 */
export function useQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): QueryResult<T> {
  const [state, setState] = useState<QueryState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const isQuiet = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    if (!isQuiet.current) setState({ status: "loading" });
    isQuiet.current = false;
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error: toApiError(error) });
      },
    );
    return () => controller.abort();
    // `load` is deliberately left out: callers pass an inline function and list what it reads in `deps`.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const refresh = useCallback(() => {
    isQuiet.current = true;
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, reload, refresh };
}
