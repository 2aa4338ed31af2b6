import type { Browser } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { dayFromToday, launch, passModules } from "../portfolio/support";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

describe("a mentor builds and submits a portfolio; a panel member reviews it, in the browser", () => {
  it("works end to end without serious accessibility violations", async () => {
    const mentor = await launch(tool, devUsers.mentor);
    const tutor = await launch(tool, devUsers.tutor);
    const lead = await launch(tool, devUsers.lead);
    await passModules(mentor, ["M1", "M2"]);
    await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Spring panel", date: dayFromToday(20), memberUserIds: [tutor.userId] })
      .expect(201);

    const page = await browser.newPage();
    await openApp(page, tool.url, mentor.token);
    await page.getByRole("link", { name: "Evidence" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Evidence" }).waitFor();
    await checkLoadedPage(page, "evidence list");
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByRole("heading", { level: 1, name: "Add evidence" }).waitFor();
    await page.getByLabel("Title").fill("First weekly meeting");
    await page.getByLabel("Date of the practice").fill("2026-10-05");
    await page.getByRole("textbox", { name: "Reflective narrative" }).fill("We agreed two targets.");
    await page.getByText("Standard 1: Personal qualities").click();
    await page.getByRole("checkbox", { name: /^1\.1:/ }).check();
    await checkLoadedPage(page, "evidence form");
    await page.getByRole("button", { name: "Save evidence" }).click();
    await page.getByRole("status").filter({ hasText: 'Saved "First weekly meeting".' }).waitFor();

    await page.getByRole("link", { name: "Portfolio" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Portfolio" }).waitFor();
    await checkLoadedPage(page, "portfolios");
    await page.getByRole("button", { name: /Start this portfolio.*Entry level certificate/ }).click();
    await page.getByRole("heading", { level: 1, name: "Entry level certificate portfolio" }).waitFor();
    const box = page.getByRole("checkbox", { name: /First weekly meeting/ });
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    await page.getByRole("img", { name: "Evidence for each standard and descriptor" }).waitFor();
    await page.getByRole("img", { name: /Timeline of dated evidence/ }).waitFor();
    await checkLoadedPage(page, "portfolio detail");
    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "portfolio detail, narrow");
    await page.setViewportSize(viewports.desktop);
    await page.getByRole("button", { name: "Submit version 1" }).click();
    await page.getByRole("heading", { level: 1, name: /Entry level certificate, version 1/ }).waitFor();
    await checkLoadedPage(page, "submitted version");

    const panel = await browser.newPage();
    await openApp(panel, tool.url, tutor.token);
    await panel.getByRole("link", { name: "Panel rounds" }).first().click();
    await panel.getByRole("heading", { level: 1, name: "Panel rounds" }).waitFor();
    await checkLoadedPage(panel, "panel rounds");
    await panel.getByRole("link", { name: "Spring panel" }).click();
    await panel.getByRole("link", { name: "Alex Morgan" }).click();
    await panel.getByRole("heading", { level: 2, name: "Panel" }).waitFor();
    for (const code of ["1", "2", "3", "4"])
      await panel
        .getByRole("group", { name: new RegExp(`^Standard ${code}:`) })
        .getByRole("radio", { name: "Met" })
        .check();
    await checkLoadedPage(panel, "judging");
    await panel.getByRole("button", { name: "Save judgements" }).click();
    await panel.getByRole("status").filter({ hasText: "Judgements saved." }).waitFor();
    await panel.getByRole("radio", { name: "Approved" }).check();
    await panel.getByLabel("Summary for the mentor").fill("Every standard is met.");
    await panel.getByRole("button", { name: "Record outcome" }).click();
    // One reviewer alone decides nothing: the default programme asks for a second review.
    await panel.getByRole("status").filter({ hasText: "Your outcome is recorded." }).waitFor();
    await panel.getByRole("heading", { level: 3, name: "Reviewers' outcomes (1 of 2 needed)" }).waitFor();
    expect(await panel.getByRole("heading", { name: /^Outcome: / }).count()).toBe(0);
    await checkLoadedPage(panel, "after the first review");
  });
});

describe("a programme lead manages panel rounds in the browser", () => {
  it("creates a round, then corrects its date and closes it", async () => {
    const lead = await launch(tool, devUsers.lead);
    await launch(tool, devUsers.tutor);
    const page = await browser.newPage();
    await openApp(page, tool.url, lead.token);
    await page.getByRole("link", { name: "Panel rounds" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Panel rounds" }).waitFor();
    await page.getByLabel("Name").fill("Autumn panel");
    await page.getByLabel("Date the panel meets").fill(dayFromToday(30));
    await page.getByRole("checkbox", { name: "Dr Jo Reid" }).check();
    await page.getByRole("button", { name: "Create round" }).click();
    await page.getByRole("status").filter({ hasText: 'Created "Autumn panel"' }).waitFor();
    await checkLoadedPage(page, "panel rounds with a new round");

    await page.getByRole("link", { name: "Autumn panel" }).click();
    await page.getByRole("heading", { level: 1, name: "Autumn panel" }).waitFor();
    await page.getByText("Change this round").click();
    await page.getByLabel("Date the panel meets").fill(dayFromToday(35));
    await page.getByLabel("Status").selectOption("closed");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").filter({ hasText: "Round saved." }).waitFor();
    await page.getByText("Closed.", { exact: false }).first().waitFor();
    await checkLoadedPage(page, "panel round after changes");
    const rounds = (await request(tool.url).get("/api/panel/rounds").set(bearer(lead.token))).body.rounds;
    expect(rounds.find((r: { name: string }) => r.name === "Autumn panel")).toMatchObject({
      status: "closed",
      date: expect.stringContaining(dayFromToday(35)),
    });
    await page.close();
  });
});
