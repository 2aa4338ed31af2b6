import { startChild } from "./lib/children";
import {
  launchBare,
  launchOurs,
  platformLoginForm,
  registerWithPlatform,
  runConcurrently,
  type StepTimes,
} from "./lib/launchDriver";
import { freePort } from "./lib/ports";
import type { BenchStack } from "./lib/stack";
import { median, range } from "./lib/stats";
import { ms, type Figure } from "./lib/table";

const COURSE = "course-mentor-2026";
// Users the development platform seeds who can launch into the demo course.
const USERS = ["dev-mentor-1", "dev-mentor-2", "dev-tutor-1", "dev-lead-1"];

interface Target {
  name: "ours" | "bare ltijs";
  clientId?: string;
  launch(login: { action: string; fields: Record<string, string> }, steps?: StepTimes): Promise<void>;
  /** Per-step latencies at concurrency 1, for the breakdown. */
  steps: StepTimes;
}

/**
 * Figure 1: launch cost of Mentor Pathways against a bare ltijs 5.9.9 tool on the same engine
 * and the same development platform, at concurrency 1 and 16; each round runs both tools
 * (alternating which goes first) so every ratio compares figures from the same moment.
 */
export async function benchLaunch(
  stack: BenchStack,
  opts: { isQuick: boolean; runs: number; isVerbose?: boolean },
): Promise<Figure[]> {
  const barePort = await freePort();
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const { clientId } = await registerWithPlatform(stack.platform.issuer, {
    name: "Bare ltijs baseline",
    url: bareUrl,
    loginPath: "/login",
    launchPath: "/",
    keysPath: "/keys",
  });
  const bare = await startChild({
    name: "bare-ltijs",
    script: "bench/baseline/bareLtijs.ts",
    env: {
      NODE_ENV: "production",
      PORT: String(barePort),
      LTI_KEY: stack.tool.ltiKey,
      MONGODB_URI: stack.engine.uriFor("bare-ltijs-bench"),
      PLATFORM_ISSUER: stack.platform.issuer,
      CLIENT_ID: clientId,
    },
    ready: /BARE_LTIJS_READY/,
    isVerbose: opts.isVerbose,
  });

  try {
    const targets: Target[] = [
      { name: "ours", launch: (login, steps) => launchOurs(stack.tool.url, login, steps), steps: new Map() },
      { name: "bare ltijs", clientId, launch: (login, steps) => launchBare(bareUrl, login, steps), steps: new Map() },
    ];
    let userIndex = 0;
    const loginForms = async (target: Target, count: number) => {
      const forms = [];
      for (let i = 0; i < count; i++) {
        const userId = USERS[userIndex++ % USERS.length];
        forms.push(
          await platformLoginForm(stack.platform.issuer, { userId, courseId: COURSE, clientId: target.clientId }),
        );
      }
      return forms;
    };
    const measure = async (target: Target, count: number, concurrency: number, steps?: StepTimes) => {
      const forms = await loginForms(target, count);
      let i = 0;
      const { latencies, wallMs } = await runConcurrently(count, concurrency, () => target.launch(forms[i++], steps));
      return { median: median(latencies), perSecond: (count * 1000) / wallMs };
    };

    // Warm-up: JIT, connection pools, and for ours the platform keyset cache (that is the point).
    for (const target of targets) await measure(target, opts.isQuick ? 10 : 30, 4);
    // Warm-up at concurrency 1 too: the first sequential launches after a burst are slower.
    for (const target of targets) await measure(target, 5, 1);

    const figures: Figure[] = [];
    for (const concurrency of [1, 16]) {
      const count = concurrency === 1 ? (opts.isQuick ? 20 : 60) : opts.isQuick ? 48 : 160;
      const results = {
        ours: [] as Array<{ median: number; perSecond: number }>,
        bare: [] as Array<{ median: number; perSecond: number }>,
      };
      const ratios: number[] = [];
      for (let run = 0; run < opts.runs; run++) {
        const order = run % 2 === 0 ? targets : [...targets].reverse();
        const round: Record<string, { median: number; perSecond: number }> = {};
        for (const target of order)
          round[target.name] = await measure(target, count, concurrency, concurrency === 1 ? target.steps : undefined);
        results.ours.push(round.ours);
        results.bare.push(round["bare ltijs"]);
        ratios.push(round.ours.median / round["bare ltijs"].median);
      }
      const note = (xs: number[], digits = 1) => `${opts.runs} runs × ${count} launches, ${range(xs, digits)}`;
      const ratio = median(ratios);
      figures.push(
        {
          section: "1 launch",
          name: `ours: launch latency, c=${concurrency}`,
          value: ms(median(results.ours.map((r) => r.median))),
          note: note(results.ours.map((r) => r.median)),
        },
        {
          section: "1 launch",
          name: `bare ltijs: launch latency, c=${concurrency}`,
          value: ms(median(results.bare.map((r) => r.median))),
          note: note(results.bare.map((r) => r.median)),
        },
        {
          section: "1 launch",
          name: `ours / bare ltijs latency, c=${concurrency}`,
          value: `${ratio.toFixed(2)}×`,
          target: "≤ 1.00×",
          isMet: ratio <= 1,
          note: `median of per-run ratios, ${range(ratios, 2)}`,
        },
        {
          section: "1 launch",
          name: `ours: launches/s, c=${concurrency}`,
          value: median(results.ours.map((r) => r.perSecond)).toFixed(1),
          note: note(results.ours.map((r) => r.perSecond)),
        },
        {
          section: "1 launch",
          name: `bare ltijs: launches/s, c=${concurrency}`,
          value: median(results.bare.map((r) => r.perSecond)).toFixed(1),
          note: note(results.bare.map((r) => r.perSecond)),
        },
      );
    }
    const [ours, baseline] = targets;
    for (const [name, times] of ours.steps) {
      const bareTimes = baseline.steps.get(name) ?? [];
      figures.push({
        section: "1 launch",
        name: `  step ${name}, c=1`,
        value: ms(median(times)),
        note: `bare ltijs ${ms(median(bareTimes))}; median over all c=1 launches`,
      });
    }
    return figures;
  } finally {
    await bare.stop();
  }
}
