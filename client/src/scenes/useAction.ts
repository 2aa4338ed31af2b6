import { useEffect, useState } from "react";
import { ApiError } from "../api/http";
import type { QueryResult } from "../api/useQuery";

/**
 * Runs one write at a time for a form: tracks busy state, the error to show, the
 * per-field messages our API sends in `details.fields` (keyed without the "body." prefix) and
 * the notice of what the last action did ("Attached …"). Starting an action clears all of
 * them, so an old notice never stands beside a new error.
 */
export function useAction() {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");

  /** Refuses an action before it reaches the server (e.g. a file over the size limit), clearing any old notice. */
  function refuse(reason: unknown) {
    setNotice("");
    setFieldErrors({});
    setError(reason);
  }

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setNotice("");
    try {
      return await work();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFieldErrors(fieldMessages(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, refuse, isBusy, error, fieldErrors, notice, setNotice };
}

function fieldMessages(error: ApiError): Record<string, string> {
  const fields = (error.details as { fields?: Array<{ field: string; message: string }> } | undefined)?.fields ?? [];
  const result: Record<string, string> = {};
  for (const { field, message } of fields) result[field.replace(/^(body|query|params)\./, "")] ??= message;
  return { ...error.fieldErrors(), ...result };
}

/** Pence as pounds, e.g. "£1,393.60". */
export const pounds = (pence: number) =>
  `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A date-time as "14 Oct 2025". */
export const shortDate = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/**
 * The data a query loaded, as local state the scene can replace with what a write returns.
 * Follows the query when it (re)loads; keyed on the data itself, since the query result
 * object is new on every render.
 */
export function useLoaded<T>(query: QueryResult<T>): [T | null, (value: T) => void] {
  const data = query.status === "ready" ? query.data : null;
  const [value, setValue] = useState<T | null>(data);
  useEffect(() => setValue(data), [data]);
  return [value, setValue];
}
