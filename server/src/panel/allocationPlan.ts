/**
 * The rules for allocating portfolios to reviewers (issue #14 item 4), as pure functions so the
 * automatic allocation and the lead's changes by hand apply the same ones:
 * - never the mentor themself (whatever roles they hold);
 * - never a reviewer from the mentor's own school while another eligible reviewer sits on the
 *   round; when none does, the same-school reviewer is allowed and flagged;
 * - counts balanced across the reviewers as far as those rules let them be.
 */

/** A round member who may review. */
export interface Reviewer {
  userId: string;
  name: string;
  school: string | null;
}

/** A version to allocate: whose it is and their school. */
export interface PortfolioToAllocate {
  versionId: string;
  mentorUserId: string;
  mentorSchool: string | null;
}

/** Schools are typed by people (launch claims, the platform's roster): compare them loosely. */
const schoolKey = (school: string | null | undefined) => (school ?? "").trim().replace(/\s+/g, " ").toLowerCase();

/** True when both schools are known and the same. An unknown school matches nobody. */
export function isSameSchool(a: string | null | undefined, b: string | null | undefined): boolean {
  const key = schoolKey(a);
  return key !== "" && key === schoolKey(b);
}

/** Who a version may go to: never its mentor; others' schools when any remain, else the same school (flagged). */
export function allowedReviewers(
  portfolio: PortfolioToAllocate,
  reviewers: Reviewer[],
): { allowed: Reviewer[]; isSameSchool: boolean } {
  const eligible = reviewers.filter((r) => r.userId !== portfolio.mentorUserId);
  const elsewhere = eligible.filter((r) => !isSameSchool(r.school, portfolio.mentorSchool));
  if (elsewhere.length > 0) return { allowed: elsewhere, isSameSchool: false };
  return { allowed: eligible, isSameSchool: eligible.length > 0 };
}

/** Why a reviewer may not take a version, as the end of a sentence about the reviewer; null when they may. */
export function refusalFor(portfolio: PortfolioToAllocate, reviewer: Reviewer, reviewers: Reviewer[]): string | null {
  if (reviewer.userId === portfolio.mentorUserId)
    return `${reviewer.name} is this portfolio's mentor, and nobody reviews their own portfolio`;
  const { allowed } = allowedReviewers(portfolio, reviewers);
  if (allowed.some((r) => r.userId === reviewer.userId)) return null;
  const others = allowed.map((r) => r.name).join(", ");
  return `${reviewer.name} works at the mentor's school (${reviewer.school}); choose a reviewer from another school: ${others}`;
}

/**
 * Plans an automatic allocation. `kept` are allocations that stay (locked by a recorded review,
 * or still within the rules); they count towards each reviewer's load. Each version in `toPlace`
 * goes to the least-loaded reviewer it is allowed, the most constrained versions first; then
 * versions move along chains from a reviewer holding two or more than another towards that one
 * while the rules let them, so counts are as even as the schools allow (within one wherever they
 * can be). Ties go by name, so the same round gives the same plan.
 */
export function planAllocation(p: {
  reviewers: Reviewer[];
  kept: Array<{ versionId: string; reviewerUserId: string }>;
  toPlace: PortfolioToAllocate[];
}): Map<string, { reviewerUserId: string; isSameSchool: boolean }> {
  const load = new Map(p.reviewers.map((r) => [r.userId, 0]));
  for (const k of p.kept) if (load.has(k.reviewerUserId)) load.set(k.reviewerUserId, load.get(k.reviewerUserId)! + 1);
  const order = [...p.reviewers].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  const rank = new Map(order.map((r, i) => [r.userId, i]));
  const options = new Map(p.toPlace.map((v) => [v.versionId, allowedReviewers(v, p.reviewers)]));
  const lightest = (allowed: Reviewer[]) =>
    [...allowed].sort(
      (a, b) => load.get(a.userId)! - load.get(b.userId)! || rank.get(a.userId)! - rank.get(b.userId)!,
    )[0];

  const plan = new Map<string, { reviewerUserId: string; isSameSchool: boolean }>();
  const byConstraint = [...p.toPlace].sort(
    (a, b) => options.get(a.versionId)!.allowed.length - options.get(b.versionId)!.allowed.length,
  );
  for (const v of byConstraint) {
    const { allowed, isSameSchool: same } = options.get(v.versionId)!;
    const chosen = lightest(allowed);
    if (!chosen) continue; // nobody but the mentor sits on the round: it stays unallocated
    plan.set(v.versionId, { reviewerUserId: chosen.userId, isSameSchool: same });
    load.set(chosen.userId, load.get(chosen.userId)! + 1);
  }

  // Evening out: only versions placed now move (the lead's own choices stay where they are). A
  // chain of moves from a reviewer to one holding two fewer (each version to a reviewer it is
  // allowed) takes one from the first and gives one to the last; with no such chain left the
  // counts are as even as the rules allow (the "cost-reducing path" condition for semi-matchings).
  const eveningChain = (): Array<{ versionId: string; to: string }> | null => {
    for (const start of [...p.reviewers].sort((a, b) => load.get(b.userId)! - load.get(a.userId)!)) {
      const cameFrom = new Map<string, { from: string; versionId: string }>();
      const queue = [start.userId];
      const seen = new Set(queue);
      while (queue.length > 0) {
        const at = queue.shift()!;
        for (const [versionId, placed] of plan) {
          if (placed.reviewerUserId !== at) continue;
          for (const next of options.get(versionId)!.allowed) {
            if (seen.has(next.userId)) continue;
            seen.add(next.userId);
            cameFrom.set(next.userId, { from: at, versionId });
            if (load.get(next.userId)! <= load.get(start.userId)! - 2) {
              const chain: Array<{ versionId: string; to: string }> = [];
              for (let to = next.userId; to !== start.userId; to = cameFrom.get(to)!.from)
                chain.push({ versionId: cameFrom.get(to)!.versionId, to });
              return chain;
            }
            queue.push(next.userId);
          }
        }
      }
    }
    return null;
  };
  for (let chain = eveningChain(), guard = 0; chain && guard < 10_000; chain = eveningChain(), guard++) {
    const first = plan.get(chain[chain.length - 1].versionId)!.reviewerUserId;
    load.set(first, load.get(first)! - 1);
    load.set(chain[0].to, load.get(chain[0].to)! + 1);
    for (const step of chain) plan.set(step.versionId, { ...plan.get(step.versionId)!, reviewerUserId: step.to });
  }
  return plan;
}
