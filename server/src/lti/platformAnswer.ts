import type { z } from "zod";
import { PlatformCallError, type PlatformResponse } from "./platformHttp";

/**
 * A platform's answer, checked against what the specification describes. A malformed answer is
 * a permanent PlatformCallError naming what was wrong (the LMS will answer the same way if asked
 * again), so the gradebook records it for whoever supports the VLE instead of acting on a guess.
 */
export function answerOf<S extends z.ZodTypeAny>(res: PlatformResponse, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(res.json());
  if (parsed.success) return parsed.data;
  throw new PlatformCallError(
    "permanent",
    `The VLE's ${what} is not what LTI Advantage describes (${describeIssues(parsed.error)})`,
    res.status,
  );
}

/** The first few issues, as "where: what", short enough for a log line or a person's message. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "the answer"}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join("; ")}; and ${more} more` : shown.join("; ");
}
