import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { claimOnce } from "../../server/src/db/exclusive";
import { claimCellLease, cellLeaseKey } from "../../server/src/gradebook/cellLease";
import { Claim } from "../../server/src/models/claim";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { devUsers } from "../support/launch";
import { markModule, startDrivenTool, testWorker } from "./support";

let tool: RunningTool;

beforeAll(async () => ({ tool } = await startDrivenTool()));
afterAll(() => tool?.close());

const LEASE_MS = 10_000;
const leaseClaims = () => Claim.find({ _id: /^gradecell:/ }).lean();
const cellOf = async (id: string) => (await GradeRecord.findById(id).lean())!.cellKey!;
/** A moment `msBeforeEnd` before the end of a slot that is wholly in the future (marks are due by then). */
const lateInASlot = (msBeforeEnd: number) => (Math.floor(Date.now() / LEASE_MS) + 2) * LEASE_MS - msBeforeEnd;

describe("cell leases late in their slot", () => {
  it("still delivers when the lease is taken just before its slot ends", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor, module: "M3", score: 58 });
    const clock = lateInASlot(200);
    // Before: every worker refused to start a request this late (lease-short) until the slot turned.
    const summary = await testWorker(tool, { now: () => clock, leaseMs: LEASE_MS }).runOnce();
    expect(summary).toMatchObject({ delivered: 1, "lease-short": 0 });
    expect((await GradeRecord.findById(id).lean())!.delivery!.status).toBe("delivered");
    expect(await leaseClaims()).toEqual([]);
  });

  it("stays away from a cell whose next slot another worker already holds, leaving no claim behind", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor2, module: "M3", score: 61 });
    const clock = lateInASlot(200);
    // A worker whose clock runs a little ahead is already in the next slot.
    const ahead = await claimCellLease(await cellOf(id), clock + 300, LEASE_MS);
    expect(ahead).not.toBeNull();

    expect(await testWorker(tool, { now: () => clock, leaseMs: LEASE_MS }).runOnce()).toMatchObject({ busy: 1, delivered: 0 });
    expect((await leaseClaims()).map((c) => c._id)).toEqual([ahead!.key]);

    await Claim.deleteOne({ _id: ahead!.key });
    expect(await testWorker(tool, { now: () => clock, leaseMs: LEASE_MS }).runOnce()).toMatchObject({ delivered: 1 });
  });
});

describe("sweeping abandoned lease claims", () => {
  it("deletes old gradebook lease claims only, never other claims or a live lease", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor, module: "M4", score: 70 });
    const cell = await cellOf(id);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);

    // A worker that crashed two days ago holding a lease; the claim was never released.
    const crashed = await claimCellLease(cell, twoDaysAgo.getTime(), LEASE_MS);
    await Claim.updateOne({ _id: crashed!.key }, { $set: { createdAt: twoDaysAgo } });
    // A worker holding the cell right now.
    const live = await claimCellLease(cell, Date.now(), LEASE_MS);
    expect(live).not.toBeNull();
    // Exactly-once records from elsewhere, just as old: these must never go.
    const others = ["roster:t:c:123", "modulerecords:abc:v2", "gradecells:not-a-lease", "gradecell", "gradebook:x"];
    for (const key of others) expect(await claimOnce(key)).toBe(true);
    await Claim.updateMany({ _id: { $in: others } }, { $set: { createdAt: twoDaysAgo } });

    expect(await tool.gradebook.sweepAbandonedLeases()).toBe(1);

    const left = (await Claim.find({}, { _id: 1 }).lean()).map((c) => c._id);
    expect(left).not.toContain(crashed!.key);
    expect(left).toEqual(expect.arrayContaining([live!.key, ...others]));
    // The live lease still keeps other workers off the cell.
    expect(await testWorker(tool, { leaseMs: LEASE_MS }).runOnce()).toMatchObject({ busy: 1, delivered: 0 });
    expect(cellLeaseKey(cell, live!.slot)).toBe(live!.key);
  });

  it("leaves a lease claim younger than the safe age, even one whose slot has ended", async () => {
    const id = await markModule(tool, { mentor: devUsers.mentor2, module: "M4", score: 40 });
    const recent = await claimCellLease(await cellOf(id), Date.now() - 5 * LEASE_MS, LEASE_MS);
    await Claim.updateOne({ _id: recent!.key }, { $set: { createdAt: new Date(Date.now() - 5 * LEASE_MS) } });
    expect(await tool.gradebook.sweepAbandonedLeases()).toBe(0);
    expect((await Claim.findById(recent!.key).lean())).not.toBeNull();
    // Much later, it goes.
    expect(await tool.gradebook.sweepAbandonedLeases(Date.now() + 2 * 60 * 60_000)).toBeGreaterThanOrEqual(1);
    expect((await Claim.findById(recent!.key).lean())).toBeNull();
  });
});
