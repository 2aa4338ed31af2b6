import { describe, expect, it } from "vitest";
import {
  allowedReviewers,
  isSameSchool,
  planAllocation,
  refusalFor,
  type PortfolioToAllocate,
  type Reviewer,
} from "./allocationPlan";

const reviewers: Reviewer[] = [
  { userId: "r1", name: "Asha", school: "Oakfield Primary" },
  { userId: "r2", name: "Ben", school: "Riverside Academy" },
  { userId: "r3", name: "Cal", school: null },
  { userId: "r4", name: "Dee", school: "Brook School" },
];
const schools = ["Oakfield Primary", "Riverside Academy", "Brook School", null];

/** Portfolios from a fixed mix of schools, one of them the reviewer Dee's own. */
function portfolios(n: number): PortfolioToAllocate[] {
  return Array.from({ length: n }, (_, i) => ({
    versionId: `v${i}`,
    mentorUserId: i === 0 ? "r4" : `m${i}`,
    mentorSchool: schools[i % schools.length],
  }));
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
    const kept = [
      { versionId: "k1", reviewerUserId: "r1" },
      { versionId: "k2", reviewerUserId: "r1" },
    ];
    const plan = planAllocation({
      reviewers: reviewers.slice(0, 2),
      kept,
      toPlace: [
        { versionId: "v", mentorUserId: "m", mentorSchool: null },
        { versionId: "w", mentorUserId: "m2", mentorSchool: null },
      ],
    });
    expect([...plan.values()].map((p) => p.reviewerUserId)).toEqual(["r2", "r2"]);
  });

  it("evens counts as far as the schools allow, equal to the best any allocation within the rules can do (200 small rounds against every possible allocation)", () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const schoolNames = ["Oak", "River", "Brook", null];
    for (let round = 0; round < 200; round++) {
      const team: Reviewer[] = Array.from({ length: 2 + random(3) }, (_, i) => ({
        userId: `r${i}`,
        name: `R${i}`,
        school: schoolNames[random(4)],
      }));
      const versions: PortfolioToAllocate[] = Array.from({ length: 1 + random(7) }, (_, i) => ({
        versionId: `v${i}`,
        mentorUserId: random(5) === 0 ? team[0].userId : `m${i}`,
        mentorSchool: schoolNames[random(4)],
      }));
      const plan = planAllocation({ reviewers: team, kept: [], toPlace: versions });
      const loads = (pick: (v: PortfolioToAllocate) => string) =>
        team.map((r) => versions.filter((v) => pick(v) === r.userId).length);
      const planned = loads((v) => plan.get(v.versionId)!.reviewerUserId);
      // Every possible allocation within the rules: the lowest highest count and the highest lowest count.
      let bestMax = Infinity;
      let bestMin = -Infinity;
      const walk = (i: number, chosen: Map<string, string>) => {
        if (i === versions.length) {
          const l = loads((v) => chosen.get(v.versionId)!);
          bestMax = Math.min(bestMax, Math.max(...l));
          bestMin = Math.max(bestMin, Math.min(...l));
          return;
        }
        for (const r of allowedReviewers(versions[i], team).allowed)
          walk(i + 1, new Map(chosen).set(versions[i].versionId, r.userId));
      };
      walk(0, new Map());
      expect(Math.max(...planned), `round ${round}`).toBe(bestMax);
      expect(Math.min(...planned), `round ${round}`).toBe(bestMin);
    }
  });

  it("moves versions along a chain when no single move evens the counts (a case placing one by one leaves at 3, 2, 0)", () => {
    const team: Reviewer[] = ["r0", "r1", "r2"].map((userId) => ({
      userId,
      name: userId.toUpperCase(),
      school: "Oak",
    }));
    // r1 and r2 are mentors too: nobody reviews their own portfolio, and all three share a school.
    const versions: PortfolioToAllocate[] = [
      { versionId: "v0", mentorUserId: "r1", mentorSchool: "Oak" },
      { versionId: "v1", mentorUserId: "r2", mentorSchool: "Oak" },
      ...["v2", "v3", "v4"].map((versionId) => ({ versionId, mentorUserId: "r2", mentorSchool: "River" })),
    ];
    const plan = planAllocation({ reviewers: team, kept: [], toPlace: versions });
    const counts = team.map((r) => [...plan.values()].filter((x) => x.reviewerUserId === r.userId).length);
    expect(Math.max(...counts)).toBe(2);
    for (const v of versions)
      expect(
        refusalFor(
          v,
          team.find((r) => r.userId === plan.get(v.versionId)!.reviewerUserId)!,
          team,
        ),
      ).toBeNull();
    expect([plan.get("v0")!.isSameSchool, plan.get("v2")!.isSameSchool]).toEqual([true, false]);
  });
});
