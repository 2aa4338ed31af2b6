import type { Browser } from "playwright-core";
import { FAILURE_SEEN_BY_LEADS } from "../../server/src/presenters/job";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { JobRunner } from "../../server/src/jobs/jobRunner";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { devUsers, launchAs } from "../support/launch";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  // A job of another process that failed, so the table has a failure to show.
  const other = new JobRunner([
    {
      name: "test-vle-import",
      title: "Import from the VLE",
      intervalMs: 60_000,
      leaseMs: 60_000,
      run: async () => {
        throw new Error("The VLE answered 503");
      },
    },
  ]);
  expect(await other.runNow("test-vle-import")).toBe("failed");
});

describe("background jobs on the lead's dashboard", () => {
  it("a programme lead sees each job's last run, result and failures", async () => {
    const { token: lead } = await launchAs(tool, { userId: devUsers.lead });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, lead);
    await page.getByRole("link", { name: "Dashboard" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Cohort dashboard" }).waitFor();
    const table = page.getByRole("table", { name: "Background jobs and their last run" });
    const failing = table.getByRole("row", { name: /Import from the VLE/ });
    await failing.waitFor();
    // The job's own message stays on the server (it can name another platform's VLE).
    expect(await failing.getByRole("cell", { name: `Failed. ${FAILURE_SEEN_BY_LEADS}` }).count()).toBe(1);
    expect(await page.getByText("answered 503").count()).toBe(0);
    expect(await failing.getByRole("cell", { name: "1 (1 in a row)" }).count()).toBe(1);
    expect(await table.getByRole("rowheader", { name: "Send marks to the VLE gradebook" }).count()).toBe(1);
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Job", "Last run", "Result", "Failures"]);
    await checkLoadedPage(page, "dashboard with background jobs");
    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "dashboard with background jobs, narrow");
    await page.close();
  });
});
