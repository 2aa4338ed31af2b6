import { describe, expect, it } from "vitest";
import { allowedReviewers, isSameSchool, planAllocation, refusalFor, type PortfolioToAllocate, type Reviewer } from "./allocationPlan";

const reviewers: Reviewer[] = [
  { userId: "r1", name: "Asha", school: "Oakfield Primary" },
  { userId: "r2", name: "Ben", school: "Riverside Academy" },
  { userId: "r3", name: "Cal", school: null },
  { userId: "r4", name: "Dee", school: "Brook School" },
];
const schools = ["Oakfield Primary", "Riverside Academy", "Brook School", null];

/** Portfolios from a fixed mix of schools, one of them the reviewer Dee's own. */
function portfolios(n: number): PortfolioToAllocate[] {
  return Array.from({ length: n }, (_, i) => ({ versionId: `v${i}`, mentorUserId: i === 0 ? "r4" : `m${i}`, mentorSchool: schools[i % schools.length] }));
}

describe("allocation rules", () => {
  it("compare schools loosely and never match an unknown school", () => {
    expect(isSameSchool(" Oakfield  Primary", "oakfield primary")).toBe(true);
    expect(isSameSchool(null, null)).toBe(false);
    expect(isSameSchool("", "")).toBe(false);
  });

  it("never offer the mentor themself; offer the mentor's school only when nobody else can take it", () => {
    const own = { versionId: "v", mentorUserId: "r4", mentorSchool: "Brook School" };
    expect(allowedReviewers(own, reviewers).allowed.map((r) => r.userId)).toEqual(["r1", "r2", "r3"]);
    expect(refusalFor(own, reviewers[3], reviewers)).toMatch(/nobody reviews their own portfolio/);
    const oak = { versionId: "v", mentorUserId: "m", mentorSchool: "Oakfield Primary" };
    expect(refusalFor(oak, reviewers[0], reviewers)).toMatch(/works at the mentor's school/);
    expect(allowedReviewers(oak, [reviewers[0]])).toEqual({ allowed: [reviewers[0]], isSameSchool: true });
    // Nobody but the mentor: nobody is allowed, and it is not a same-school allocation.
    expect(allowedReviewers(own, [reviewers[3]])).toEqual({ allowed: [], isSameSchool: false });
  });

  it.each([1, 4, 7, 13, 30])("balance %i portfolios within one, keeping every rule", (n) => {
    const plan = planAllocation({ reviewers, kept: [], toPlace: portfolios(n) });
    expect(plan.size).toBe(n);
    const counts = reviewers.map((r) => [...plan.values()].filter((p) => p.reviewerUserId === r.userId).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const p of portfolios(n)) {
      const chosen = reviewers.find((r) => r.userId === plan.get(p.versionId)!.reviewerUserId)!;
      expect(refusalFor(p, chosen, reviewers)).toBeNull();
    }
  });

  it("count kept allocations towards each reviewer's load", () => {
    const kept = [{ versionId: "k1", reviewerUserId: "r1" }, { versionId: "k2", reviewerUserId: "r1" }];
    const plan = planAllocation({ reviewers: reviewers.slice(0, 2), kept, toPlace: [{ versionId: "v", mentorUserId: "m", mentorSchool: null }, { versionId: "w", mentorUserId: "m2", mentorSchool: null }] });
    expect([...plan.values()].map((p) => p.reviewerUserId)).toEqual(["r2", "r2"]);
  });
});
