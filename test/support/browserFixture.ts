import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { expectNoSeriousA11yViolations, launchBrowser } from "./browser";
import { startTestTool } from "./server";

/**
 * Starts a real tool and a headless Chromium for one browser-test file and closes both after
 * it. `onReady` receives them (and may prepare data) before the first test runs.
 */
export function useToolAndBrowser(onReady: (tool: RunningTool, browser: Browser) => void | Promise<void>) {
  let tool: RunningTool | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    tool = await startTestTool();
    browser = await launchBrowser();
    await onReady(tool, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await tool?.close();
  });
}

/** Waits until the page has loaded its data, then fails on any serious or critical axe violation. */
export async function checkLoadedPage(page: Page, label: string) {
  await page.waitForSelector("main:not([data-loading]) h1");
  await expectNoSeriousA11yViolations(page, label);
}
