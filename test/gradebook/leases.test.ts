import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import {
  claimCellLease,
  claimCellLeases,
  releaseCellLease,
  releaseCellLeases,
} from "../../server/src/gradebook/cellLease";
import { GradeCellLease } from "../../server/src/models/gradeCellLease";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { devUsers } from "../support/launch";
import { markModule, startDrivenTool, testWorker } from "./support";

let tool: RunningTool;

beforeAll(async () => ({ tool } = await startDrivenTool()));
afterAll(() => tool?.close());

const LEASE_MS = 10_000;
const cellOf = async (id: string) => (await GradeRecord.findById(id).lean())!.cellKey!;

describe("cell leases", () => {
  it("gives each cell to exactly one of several workers claiming overlapping groups at once", async () => {
    const cells = Array.from({ length: 30 }, (_, i) => `race-cell-${i}`);
    const groups = Array.from({ length: 5 }, (_, g) => cells.slice(g * 4, g * 4 + 8));
    const now = Date.now();
    const won = await Promise.all(groups.map((group) => claimCellLeases(group, now, LEASE_MS)));
    const cellsWon = won.flatMap((leases) => [...leases.keys()]);
    expect(cellsWon.sort()).toEqual([...new Set(groups.flat())].sort());
    won.forEach((leases, g) => expect([...leases.keys()].every((c) => groups[g].includes(c))).toBe(true));
    // A held cell stays held until its lease ends; then anyone takes it over.
    expect((await claimCellLeases([cells[0], cells[29]], now + 1, LEASE_MS)).size).toBe(1);
    expect(await claimCellLease(cells[0], now + LEASE_MS, LEASE_MS)).not.toBeNull();
    expect(await claimCellLeases([], now, LEASE_MS)).toEqual(new Map());
    await GradeCellLease.deleteMany({});
  });

  it("keeps a worker off a cell another holds, and leaves no lease behind once it has delivered", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor2, module: "M3", score: 61 });
    const held = await claimCellLease(await cellOf(id), Date.now(), LEASE_MS);
    expect(held).not.toBeNull();
    expect(await testWorker(tool, { leaseMs: LEASE_MS }).runOnce()).toMatchObject({ busy: 1, delivered: 0 });

    await releaseCellLease(held!);
    expect(await testWorker(tool, { leaseMs: LEASE_MS }).runOnce()).toMatchObject({ delivered: 1 });
    expect((await GradeRecord.findById(id).lean())!.delivery!.status).toBe("delivered");
    expect(await GradeCellLease.countDocuments({})).toBe(0);
  });

  it("releases only the holder's own lease", async () => {
    const now = Date.now();
    const first = await claimCellLease("release-cell", now - 2 * LEASE_MS, LEASE_MS);
    const second = await claimCellLease("release-cell", now, LEASE_MS);
    // The first holder, late and past its lease, lets go: the second keeps the cell.
    await releaseCellLeases([first!]);
    expect(await GradeCellLease.findById(second!.key).lean()).toMatchObject({ holder: second!.holder });
    await releaseCellLease(second!);
    expect(await GradeCellLease.findById(second!.key).lean()).toBeNull();
  });
});

describe("sweeping abandoned leases", () => {
  it("deletes leases long expired, never a live one or one only just ended", async () => {
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60_000;
    // A worker that crashed two days ago holding a lease it never released.
    const crashed = await claimCellLease("sweep-crashed", twoDaysAgo, LEASE_MS);
    // One that ended a moment ago, and one held right now.
    const recent = await claimCellLease("sweep-recent", Date.now() - 5 * LEASE_MS, LEASE_MS);
    const live = await claimCellLease("sweep-live", Date.now(), LEASE_MS);

    expect(await tool.gradebook.sweepAbandonedLeases()).toBe(1);
    const left = (await GradeCellLease.find({}, { _id: 1 }).lean()).map((l) => l._id);
    expect(left).not.toContain(crashed!.key);
    expect(left).toEqual(expect.arrayContaining([recent!.key, live!.key]));
    // Much later, the one that ended goes too.
    expect(await tool.gradebook.sweepAbandonedLeases(Date.now() + 2 * 60 * 60_000)).toBeGreaterThanOrEqual(1);
    expect(await GradeCellLease.findById(recent!.key).lean()).toBeNull();
  });
});
