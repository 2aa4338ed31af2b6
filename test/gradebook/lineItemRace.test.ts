import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { lineItemSpecs } from "../../server/src/gradebook/lineItemSpecs";
import { syncLineItems } from "../../server/src/gradebook/syncLineItems";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { LineItem } from "../../server/src/models/lineItem";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { devCourse, devUsers } from "../support/launch";
import { devTenantId, markModule, startDrivenTool, testWorker } from "./support";

let tool: RunningTool;

beforeAll(async () => ({ tool } = await startDrivenTool()));
afterAll(() => tool?.close());

// The development platform numbers line items li-1, li-2... in creation order.

describe("two processes making the same columns at once", () => {
  it("converge on one column each, used by all of them, and no score lands in a spare", async () => {
    const platform = tool.devPlatform!;
    expect(platform.gradebook.lineItems(devCourse)).toEqual([]);
    await LineItem.deleteMany({});
    const tenantId = await devTenantId(tool);
    const marks = [];
    for (const mentor of [devUsers.mentor, devUsers.mentor2]) {
      marks.push(await markModule(tool, { mentor, module: "M3", score: 64 }));
      marks.push(await markModule(tool, { mentor, module: "M4", score: 71 }));
    }

    // Each sync and worker has its own ports, as separate processes would, and all start together
    // against an LMS with no columns and an empty LineItem cache.
    const [, , , a, b] = await Promise.all([
      syncLineItems({ lti: tool.deps.lti, timeoutMs: 2_000 }, tenantId, devCourse),
      syncLineItems({ lti: tool.deps.lti, timeoutMs: 2_000 }, tenantId, devCourse),
      syncLineItems({ lti: tool.deps.lti, timeoutMs: 2_000 }, tenantId, devCourse),
      testWorker(tool).drain(),
      testWorker(tool).drain(),
    ]);
    const rest = await testWorker(tool).drain();

    const specs = lineItemSpecs(defaultProgramme());
    const columns = platform.gradebook.lineItems(devCourse);
    const cached = await LineItem.find({ tenantId, contextId: devCourse }).lean();
    for (const spec of specs) {
      const atLms = columns.filter((c) => c.resourceId === spec.resourceId);
      expect(atLms, spec.resourceId).toHaveLength(1);
      const inCache = cached.filter((c) => c.resourceId === spec.resourceId);
      expect(inCache, spec.resourceId).toHaveLength(1);
      expect(inCache[0].url).toBe(atLms[0].id);
    }
    // Whether the racers actually collided depends on scheduling, so it is not asserted; the
    // outcome must be right either way: nothing failed, and every mark sits in the kept column.
    for (const s of [a, b, rest]) expect(s).toMatchObject({ failed: 0 });
    expect(await GradeRecord.countDocuments({ _id: { $in: marks }, "delivery.status": "delivered" })).toBe(
      marks.length,
    );
    for (const module of ["M3", "M4"]) {
      const [column] = columns.filter((c) => c.resourceId === `module:${module}`);
      for (const mentor of [devUsers.mentor, devUsers.mentor2]) {
        expect(platform.gradebook.latest(column.id, mentor)?.scoreGiven, `${module} ${mentor}`).toBe(
          module === "M3" ? 64 : 71,
        );
      }
    }
  });
});
