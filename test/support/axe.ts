import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);

/** The WCAG 2.2 AA rule sets we hold every page to. */
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] as const;

/** One axe violation, reduced to what a failing test needs to print. */
export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

let axeSource: string | undefined;

// Read once per test process: the minified file is ~500 KB.
function loadAxeSource(): string {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

/** Runs axe on the page as it is now and returns every WCAG A/AA violation, whatever its impact. */
export async function runAxe(page: Page): Promise<A11yViolation[]> {
  const hasAxe = await page.evaluate(() => "axe" in window);
  // Evaluated through the DevTools protocol, which the app's CSP (no inline script) does not block.
  if (!hasAxe) await page.evaluate(loadAxeSource());

  return page.evaluate(
    async (tags) => {
      type AxeResult = {
        violations: {
          id: string;
          impact?: string | null;
          help: string;
          helpUrl: string;
          nodes: { target: unknown[] }[];
        }[];
      };
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } })
        .axe;
      const results = await axe.run(document, { runOnly: tags });
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        helpUrl: violation.helpUrl,
        // Targets inside iframes or shadow roots come as nested arrays; flatten them to one selector.
        targets: violation.nodes.map((node) =>
          node.target.map((part) => (Array.isArray(part) ? part.join(" >>> ") : String(part))).join(" "),
        ),
      }));
    },
    [...wcagTags],
  );
}

/** A readable, multi-line report of violations for a test failure message. */
export function formatA11yViolations(label: string, violations: readonly A11yViolation[]): string {
  const lines = violations.map((violation) => {
    const targets = violation.targets.map((target) => `      - ${target}`).join("\n");
    return `  • ${violation.id} [${violation.impact ?? "unknown"}]: ${violation.help}\n    ${violation.helpUrl}\n${targets}`;
  });
  return `Accessibility violations on "${label}" (${violations.length}):\n${lines.join("\n")}`;
}

/**
 * Fails (throws) if axe finds any serious or critical WCAG 2.2 A/AA violation
 * on the page as it is now. Minor and moderate ones are not fatal here.
 *
 * @param label names the page or state in the failure message, e.g. "mentor home at 320px".
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  if (serious.length > 0) throw new Error(formatA11yViolations(label, serious));
}
