import { z } from "zod";

/**
 * The prior-learning route of a qualification, as programme data: a very experienced mentor
 * applies with evidence gathered from past mentoring instead of following the modules. The
 * route says which modules it waives, how recent the evidence must be (in place of the normal
 * "spans a full year" rule), how long the mentor's statement of experience must be, and whether
 * an award through it earns M-level credit (by default it does not: certificate yes, credit no).
 */
export const ZPriorLearningRoute = z.object({
  /** Modules the route stands in for (e.g. Mastery's M3–M6); they need not be complete to submit. */
  waivesModules: z.array(z.string().min(1)).default([]),
  /** Every piece of evidence must be dated within this many years before the application; null: any date. */
  evidenceWithinYears: z.number().int().positive().nullable().default(5),
  /** The statement of experience must be at least this many characters (0: not required). */
  statementMinLength: z.number().int().nonnegative().max(5000).default(200),
  /** Whether a certificate through this route counts toward the programme's credit rule. */
  earnsCredit: z.boolean().default(false),
});
export type TPriorLearningRoute = z.infer<typeof ZPriorLearningRoute>;

/** Longest statement of experience a mentor may write (characters). */
export const STATEMENT_MAX_LENGTH = 10_000;

/**
 * The route a qualification offers, or null. A programme file that only says
 * `priorLearningAllowed: true` (written before the route had rules) gets the defaults above.
 */
export function priorLearningRouteOf(q: {
  priorLearningAllowed?: boolean;
  priorLearning?: TPriorLearningRoute | null;
}): TPriorLearningRoute | null {
  if (q.priorLearning) return q.priorLearning;
  return q.priorLearningAllowed ? ZPriorLearningRoute.parse({}) : null;
}

/** The earliest practice date (YYYY-MM-DD) the route accepts for an application made on `appliedOn`. */
export function earliestEvidenceDay(route: TPriorLearningRoute, appliedOn: Date): string | null {
  if (route.evidenceWithinYears === null) return null;
  const d = new Date(
    Date.UTC(appliedOn.getUTCFullYear() - route.evidenceWithinYears, appliedOn.getUTCMonth(), appliedOn.getUTCDate()),
  );
  return d.toISOString().slice(0, 10);
}

/**
 * What an application through the route still lacks, in the words of the portfolio form; empty
 * when the route's own requirements are met. (The waived modules are not checked here: the
 * caller leaves them out of the module check.)
 */
export function priorLearningProblems(p: {
  route: TPriorLearningRoute;
  statement: string;
  evidence: Array<{ title: string; practiceDate: string }>;
  appliedOn: Date;
}): string[] {
  const problems: string[] = [];
  const written = p.statement.trim().length;
  if (p.route.statementMinLength > 0 && written === 0) {
    problems.push(
      `Write your statement of experience (at least ${p.route.statementMinLength} characters) for the prior-learning route.`,
    );
  } else if (written < p.route.statementMinLength) {
    problems.push(
      `Your statement of experience has ${written} characters; the prior-learning route needs at least ${p.route.statementMinLength}. Say more about the mentoring you have done.`,
    );
  }
  const earliest = earliestEvidenceDay(p.route, p.appliedOn);
  if (earliest) {
    const old = p.evidence.filter((e) => e.practiceDate < earliest);
    if (old.length > 0) {
      const names = old.map((e) => `"${e.title}" (${e.practiceDate})`).join(", ");
      problems.push(
        `The prior-learning route accepts evidence dated within ${p.route.evidenceWithinYears} year${p.route.evidenceWithinYears === 1 ? "" : "s"} of applying (from ${earliest}): ${names} ${old.length === 1 ? "is" : "are"} older. Remove ${old.length === 1 ? "it" : "them"} or add more recent evidence instead.`,
      );
    }
  }
  return problems;
}
