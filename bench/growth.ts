import mongoose from "mongoose";
import { signSessionToken } from "../server/src/lti/sessionToken";
import { benchActor, benchTenantId, HOURS_ENTRY, seedCountedCourse } from "./lib/benchCourse";
import { waitForIdle } from "./lib/children";
import type { BenchStack } from "./lib/stack";
import { median, range } from "./lib/stats";
import { ms, type Figure } from "./lib/table";

const TARGET_MS = 200;
/** "Flat": the largest course's first read after a write may take at most this multiple of the smallest's. */
const FLAT_FACTOR = 1.5;
const RUNS = 9;

/**
 * The lead's dashboard as courses grow (issue #12 item 7): courses of 1,000, 10,000 and 50,000
 * mentors (÷10 when quick) seeded through the models without evidence, each counted once by the
 * tool's recount job; then, RUNS times, a mentor logs training hours through the API and the lead
 * reads the dashboard at once: the read that must see the write without a recount. Measured one
 * request at a time with the tool and the engine idle first, on each course right after it is
 * seeded. Alone (`--only=growth`) it takes about ten minutes at full size.
 */
export async function benchGrowth(
  stack: BenchStack,
  opts: { isQuick: boolean; log: (m: string) => void },
): Promise<Figure[]> {
  await mongoose.connect(stack.tool.databaseUri);
  try {
    const tenantId = await benchTenantId(stack);
    const tiers = [1_000, 10_000, 50_000].map((n) => n / (opts.isQuick ? 10 : 1));
    const busy = [stack.tool.pid, ...(stack.engine.pid ? [stack.engine.pid] : [])];
    const figures: Figure[] = [];
    const medians: number[] = [];
    for (const mentors of tiers) {
      const course = await seedCountedCourse({
        tenantId,
        contextId: `growth-${mentors}`,
        mentors,
        evidencePerMentor: 0,
        log: opts.log,
      });
      const lead = await signSessionToken(
        benchActor(stack, tenantId, course, course.leadUserId, "lead"),
        stack.tool.ltiKey,
      );
      opts.log(`growth: dashboard first read after a write at ${mentors} mentors`);
      const times: number[] = [];
      for (let r = 0; r < RUNS + 1; r++) {
        const writer = await signSessionToken(
          benchActor(stack, tenantId, course, course.mentorUserId((r * 7919 + 13) % mentors), "mentor"),
          stack.tool.ltiKey,
        );
        const wrote = await fetch(`${stack.tool.url}/api/hours`, {
          method: "POST",
          headers: { authorization: `Bearer ${writer}`, "content-type": "application/json" },
          body: JSON.stringify(HOURS_ENTRY),
        });
        if (wrote.status !== 201)
          throw new Error(`logging hours answered ${wrote.status}: ${(await wrote.text()).slice(0, 200)}`);
        await waitForIdle(busy);
        const started = performance.now();
        const res = await fetch(`${stack.tool.url}/api/dashboard`, { headers: { authorization: `Bearer ${lead}` } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`the dashboard answered ${res.status}: ${body.slice(0, 200)}`);
        // The first read after start-up of this course's figures warms the programme's parse.
        if (r > 0) times.push(performance.now() - started);
      }
      medians.push(median(times));
      figures.push({
        section: "3 growth",
        name: `dashboard, first read after a write, ${mentors} mentors`,
        value: ms(median(times)),
        target: `≤ ${TARGET_MS} ms`,
        isMet: median(times) <= TARGET_MS,
        note: `${times.length} runs, ${range(times)}; ${course.documents} documents seeded`,
      });
    }
    const ratio = medians[medians.length - 1] / medians[0];
    figures.push({
      section: "3 growth",
      name: `dashboard, first read after a write: time ×, for ×${tiers[tiers.length - 1] / tiers[0]} mentors`,
      value: `${ratio.toFixed(2)}×`,
      target: `≤ ${FLAT_FACTOR}× (flat)`,
      isMet: ratio <= FLAT_FACTOR,
      note: medians.map((m, i) => `${tiers[i]}: ${ms(m)}`).join(", "),
    });
    return figures;
  } finally {
    await mongoose.disconnect();
  }
}
