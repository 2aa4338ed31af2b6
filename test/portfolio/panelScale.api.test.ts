import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import mongoose from "mongoose";
import type { RunningTool } from "../../server/src/boot";
import { Portfolio } from "../../server/src/models/portfolio";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { PanelRound } from "../../server/src/models/panelRound";
import { PanelDecision, PanelReview } from "../../server/src/models/panelReview";
import { startTestTool } from "../support/server";
import { bearer, devCourse, devUsers } from "../support/launch";
import { launch, type Launched } from "./support";

// A course with more submitted versions than are looked up one by one: the panel's records are
// then read for the whole course and matched to versions in memory. Every figure must come out
// as it does for a handful of versions.
let tool: RunningTool;
let lead: Launched;
const api = () => request(tool.url);

type Outcome = "approved" | "resubmit";
type VersionSpec = { round: "A" | "B" | null; reviews: Outcome[]; decision?: Outcome };

// 80 portfolios: drafts, versions awaiting a round, decided and undecided versions in two
// rounds, and resubmissions whose first version was decided in A and the second sits in B.
// A's panel has met and its outcomes are released; B's two decided outcomes are not released yet.
const specs: VersionSpec[][] = [
  ...Array.from({ length: 4 }, () => []),
  ...Array.from({ length: 3 }, () => [{ round: null, reviews: [] }]),
  ...Array.from({ length: 20 }, () => [{ round: "A", reviews: ["approved"], decision: "approved" }]),
  ...Array.from({ length: 7 }, () => [{ round: "A", reviews: ["resubmit"], decision: "resubmit" }]),
  ...Array.from({ length: 12 }, () => [{ round: "A", reviews: ["approved"] }]),
  ...Array.from({ length: 18 }, () => [{ round: "A", reviews: [] }]),
  ...Array.from({ length: 3 }, () => [
    { round: "A", reviews: ["resubmit"], decision: "resubmit" },
    { round: "B", reviews: [] },
  ]),
  ...Array.from({ length: 2 }, () => [{ round: "B", reviews: ["approved"], decision: "approved" }]),
  ...Array.from({ length: 11 }, () => [{ round: "B", reviews: ["approved"] }]),
] as VersionSpec[][];

/** What staff see on a round's page: a decided outcome, released or not. */
const stateOf = (v: VersionSpec) => v.decision ?? (v.round ? "in_review" : "awaiting_round");
/** What the dashboard counts: an outcome only once released (until then it is with the panel). */
const countedStateOf = (v: VersionSpec) => (v.round === "B" && v.decision ? "in_review" : stateOf(v));
function tally(states: string[]) {
  const counts: Record<string, number> = {
    draft: 0,
    awaiting_round: 0,
    in_review: 0,
    needs_lead_decision: 0,
    approved: 0,
    resubmit: 0,
  };
  for (const s of states) counts[s] += 1;
  return counts;
}

let roundIds: Record<"A" | "B", mongoose.Types.ObjectId>;

beforeAll(async () => {
  tool = await startTestTool();
  lead = await launch(tool, devUsers.lead);
  const scope = { tenantId: lead.tenantId, contextId: devCourse };
  roundIds = { A: new mongoose.Types.ObjectId(), B: new mongoose.Types.ObjectId() };
  await PanelRound.create([
    {
      _id: roundIds.A,
      ...scope,
      name: "Autumn panel",
      date: new Date("2026-11-01"),
      status: "closed",
      createdBy: lead.userId,
    },
    { _id: roundIds.B, ...scope, name: "Spring panel", date: new Date("2027-03-01"), createdBy: lead.userId },
  ]);
  for (const [i, versions] of specs.entries()) {
    const mentorUserId = `scale-mentor-${i}`;
    const portfolio = await Portfolio.create({
      ...scope,
      mentorUserId,
      mentorName: `Mentor ${i}`,
      qualificationCode: "ENTRY",
    });
    for (const [n, spec] of versions.entries()) {
      const roundId = spec.round ? roundIds[spec.round] : null;
      const version = await PortfolioVersion.create({
        ...scope,
        mentorUserId,
        mentorName: `Mentor ${i}`,
        portfolioId: portfolio._id,
        qualificationCode: "ENTRY",
        number: n + 1,
        submittedBy: mentorUserId,
        submittedAt: new Date(Date.UTC(2026, 9, 1 + n)),
        roundId,
      });
      for (const [r, outcome] of spec.reviews.entries()) {
        await PanelReview.create({
          ...scope,
          versionId: version._id,
          roundId,
          reviewerUserId: `tutor-${r}`,
          reviewerName: `Tutor ${r}`,
          outcome,
          summary: "Reviewed.",
        });
      }
      if (spec.decision) {
        await PanelDecision.create({
          ...scope,
          versionId: version._id,
          roundId,
          portfolioId: portfolio._id,
          mentorUserId,
          outcome: spec.decision,
          summary: "Decided.",
          basis: "single_review",
          decidedBy: lead.userId,
          decidedByName: "Lead",
          decidedAt: new Date(),
          followUpsDoneAt: new Date(),
          releasedAt: spec.round === "A" ? new Date() : null,
        });
      }
    }
  }
});
afterAll(async () => tool?.close());

describe("a course with many submitted portfolios", () => {
  it("counts every portfolio by the state of its latest version, and every round's versions", async () => {
    const dashboard = (await api().get("/api/dashboard").set(bearer(lead.token)).expect(200)).body;
    expect(dashboard.portfolios.total).toBe(specs.length);
    expect(dashboard.portfolios.byState).toEqual(
      tally(specs.map((versions) => (versions.length ? countedStateOf(versions.at(-1)!) : "draft"))),
    );
    for (const name of ["A", "B"] as const) {
      const inRound = specs.flat().filter((v) => v.round === name);
      expect(inRound.length).toBeGreaterThan(name === "A" ? 50 : 0);
      const round = dashboard.portfolios.byRound.find((r: { id: string }) => r.id === roundIds[name].toString());
      expect(round).toMatchObject({ total: inRound.length, byState: tally(inRound.map(countedStateOf)) });
    }
  });

  it("gives each version in a round its own status on the round's page", async () => {
    const detail = (await api().get(`/api/panel/rounds/${roundIds.A}`).set(bearer(lead.token)).expect(200)).body;
    const expected = specs
      .flat()
      .filter((v) => v.round === "A")
      .map(stateOf);
    expect(detail.portfolios).toHaveLength(expected.length);
    expect(tally(detail.portfolios.map((p: { status: string }) => p.status))).toEqual(tally(expected));
    // Each mentor's row matches that mentor's own version, not just the totals.
    for (const row of detail.portfolios as Array<{ mentor: { userId: string }; number: number; status: string }>) {
      const i = Number(row.mentor.userId.replace("scale-mentor-", ""));
      expect(row.status).toBe(stateOf(specs[i][row.number - 1]));
    }
    // Staff see B's decided outcomes before they are released.
    const b = (await api().get(`/api/panel/rounds/${roundIds.B}`).set(bearer(lead.token)).expect(200)).body;
    expect(tally(b.portfolios.map((p: { status: string }) => p.status))).toEqual(
      tally(
        specs
          .flat()
          .filter((v) => v.round === "B")
          .map(stateOf),
      ),
    );
    expect(b.release).toMatchObject({ releasedAt: null, decided: 2, canRelease: false });
  });
});
