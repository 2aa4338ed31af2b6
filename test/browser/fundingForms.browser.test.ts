import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { devUsers, launchAs } from "../support/launch";

let tool: RunningTool;
let browser: Browser;
useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

describe("the funding forms, by keyboard and for assistive technology", () => {
  it("a mentor enters the details for the funding claim, told which field is wrong", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.mentor });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.goto(`${tool.url}/app/#/hours`);
    const details = page.getByRole("region", { name: "Details for the funding claim" });
    await details.waitFor();
    await checkLoadedPage(page, "hours with the funding-claim details form");

    const trn = details.getByLabel("Teacher reference number (TRN)");
    await trn.focus();
    await page.keyboard.type("123");
    await page.keyboard.press("Tab");
    expect(await details.getByLabel("School URN").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("12345A");
    await page.keyboard.press("Enter");
    await details
      .getByText(/Teacher reference number \(TRN\) must be exactly 7 digits/)
      .first()
      .waitFor();
    expect(await trn.getAttribute("aria-invalid")).toBe("true");
    expect(await details.getByLabel("School URN").getAttribute("aria-invalid")).toBe("true");
    await checkLoadedPage(page, "funding-claim details with errors");

    await trn.fill("");
    await trn.focus();
    await page.keyboard.type("1234567");
    await details.getByLabel("School URN").fill("");
    await details.getByLabel("School URN").focus();
    await page.keyboard.type("100001");
    await page.keyboard.press("Enter");
    await details.getByRole("status").filter({ hasText: "Details saved." }).waitFor();
    expect(await trn.getAttribute("aria-invalid")).toBeNull();
    await page.close();
  });

  it("a programme lead enters a year's caps and rates, told which field is wrong", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.lead });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.goto(`${tool.url}/app/#/funding-claims`);
    const years = page.getByRole("region", { name: "Funding caps and rates by year" });
    await years.getByLabel("Academic year").waitFor();
    await checkLoadedPage(page, "funding claims with the funding-year form");

    // The field shows the current year; the lead clears it and types another. (It used to refill
    // with the current year once empty, so typing made "2026/272031/32" and no save could succeed.)
    await years.getByLabel("Academic year").focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Backspace");
    expect(await years.getByLabel("Academic year").inputValue()).toBe("");
    await page.keyboard.type("2031/32");
    await page.keyboard.press("Tab");
    await page.keyboard.type("300");
    await page.keyboard.press("Tab");
    await page.keyboard.type("6");
    const rates = years.getByLabel(/^Rate per hour \(£\)/);
    for (let i = 0; i < (await rates.count()); i++) await rates.nth(i).fill("45.10");
    await page.keyboard.press("Enter");
    await years
      .getByText(/Initial training cap must be at most 200 hours/)
      .first()
      .waitFor();
    expect(await years.getByLabel(/^Initial training cap/).getAttribute("aria-invalid")).toBe("true");
    expect(await years.getByLabel("Academic year").getAttribute("aria-invalid")).toBeNull();
    await checkLoadedPage(page, "funding-year form with an error");

    // Fixing the field and saving again saves the year and says so.
    const cap = years.getByLabel(/^Initial training cap/);
    await cap.fill("");
    await cap.focus();
    await page.keyboard.type("16");
    await page.keyboard.press("Enter");
    await years.getByRole("status").filter({ hasText: "Funding caps and rates for 2031/32 saved." }).waitFor();
    expect(await cap.getAttribute("aria-invalid")).toBeNull();
    await years.getByText(/^2031\/32: 16 h initial, 6 h refresher/).waitFor();
    await checkLoadedPage(page, "funding-year form after saving");

    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "funding claims, narrow");
    await page.close();
  });
});
