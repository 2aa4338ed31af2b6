import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { devUsers } from "../support/launch";
import { completeEntryAudit } from "../programme/helpers";
import { launch, passModules } from "../portfolio/support";

// After the entry audit the audit before Mastery is not offered until Modules 1 and 2 are passed.

let tool: RunningTool;
let browser: Browser;
useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

describe("the audit before Mastery in the browser", () => {
  it("is not offered straight after the entry audit, says what opens it, and is offered once the Entry modules are passed", async () => {
    const mentor = await launch(tool, devUsers.mentor);
    await completeEntryAudit(tool, mentor.token, 2);
    const page = await browser.newPage();
    await openApp(page, tool.url, mentor.token);
    const auditCard = page.locator(".card", { has: page.getByRole("link", { name: "Mentor audit" }) });
    await auditCard.getByText("Up to date").waitFor();
    expect(await auditCard.textContent()).not.toContain("Due:");

    await page.getByRole("link", { name: "Audit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mentor audit" }).waitFor();
    await checkLoadedPage(page, "audit after the entry audit");
    const stages = page.getByRole("region", { name: "Audit stages" });
    expect(await stages.textContent()).toMatch(
      /Audit before Mastery: not open yet\. It opens when Module 1 and Module 2 are passed\./,
    );
    expect(await page.getByRole("button", { name: /Complete the audit before mastery/i }).count()).toBe(0);
    // The chart has a bar for each stage and for now; the second stage is not taken yet.
    const chart = page.getByRole("figure");
    expect(await chart.textContent()).toMatch(/entry audit, audit before mastery and now/);
    expect(await chart.textContent()).toContain("not taken yet");

    await passModules(mentor, ["M1", "M2"]);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Mentor audit" }).waitFor();
    const complete = page.getByRole("button", { name: /Complete the audit before mastery/i });
    await complete.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Audit before Mastery completed." }).waitFor();
    expect(await page.getByRole("figure").textContent()).not.toContain("not taken yet");
    await checkLoadedPage(page, "audit after the audit before Mastery");
    await page.close();
  });
});
