import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

export { expectNoSeriousA11yViolations, formatA11yViolations, runAxe, type A11yViolation } from "./axe";

/**
 * Flags for our machines: the network is closed, so anything that phones home
 * (component updates, sync, QUIC probes) would only add delay or hangs.
 */
const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The system Chromium (CHROMIUM_PATH, else /usr/bin/chromium), headless. Close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: run \`apt-get install -y chromium\` (the .ci/run script does this)`,
    );
  }
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  // Two cores run the server, its database engine and Chromium together; some steps (issuing a
  // certificate PDF and a signed badge) take seconds there. Waiting longer weakens no assertion.
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    return page;
  };
  return browser;
}

const PAGE_TIMEOUT_MS = 90_000;

/** Common viewport widths for checks: a desktop and the WCAG reflow width. */
export const viewports = {
  desktop: { width: 1280, height: 800 },
  narrow: { width: 320, height: 720 },
} as const;

/**
 * Opens the client the way a launch does (`/app/#session=<token>`) and waits
 * until the session has loaded or failed (main no longer has data-loading).
 *
 * @param baseUrl the server's origin, e.g. "http://127.0.0.1:54321"
 */
export async function openApp(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl.replace(/\/$/, "")}/app/#session=${encodeURIComponent(token)}`);
  await page.waitForSelector("main:not([data-loading]) h1");
}

/** Presses a control from the keyboard (Space for radios, Enter for buttons): it must take focus first. */
export async function pressByKeyboard(page: Page, locator: ReturnType<Page["getByRole"]>, key: "Enter" | "Space") {
  await locator.focus();
  expect(await locator.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press(key);
}
