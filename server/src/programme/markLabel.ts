/** How a mark reads to people, e.g. "Pass", "Resubmit", "62 / 100 (pass)" (as presenters/modules.ts shows a decision). */
export function markLabel(
  kind: string,
  v: { score: number | null; passed: boolean },
  scoreMaximum: number | null | undefined,
): string {
  if (kind === "return") return "Returned for more work";
  if (scoreMaximum === 1 && v.score !== null && v.score <= 1) return v.passed ? "Pass" : "Resubmit";
  return `${v.score} / ${scoreMaximum}${v.passed ? " (pass)" : " (below the pass mark)"}`;
}
