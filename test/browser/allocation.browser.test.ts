import type { Browser } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp, pressByKeyboard, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devCourse, devUsers } from "../support/launch";
import { dayFromToday, launch, submitQms } from "../portfolio/support";

const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

describe("the programme lead allocates a round's portfolios to reviewers in the browser (issue #14 item 4)", () => {
  it("allocates, changes one by keyboard, flags a same-school allocation, and the reviewer sees theirs first; axe clean", async () => {
    // Kim teaches at Oakfield Primary, Alex's school; Dr Jo Reid has no school.
    tool.devPlatform!.addUser({
      id: "alloc-kim",
      name: "Kim Baker",
      givenName: "Kim",
      familyName: "Baker",
      email: "kim@oakfield.example",
      school: "Oakfield Primary",
    });
    tool.devPlatform!.enrol(devCourse, "alloc-kim", [INSTRUCTOR]);
    const kim = await launch(tool, "alloc-kim");
    const tutor = await launch(tool, devUsers.tutor);
    const lead = await launch(tool, devUsers.lead);
    const alex = await launch(tool, devUsers.mentor); // Oakfield Primary
    const sam = await launch(tool, devUsers.mentor2); // Riverside Academy
    const round = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Allocation panel", date: dayFromToday(7), memberUserIds: [tutor.userId, kim.userId] })
      .expect(201);
    const roundId = round.body.id as string;
    await submitQms(tool, alex);
    await submitQms(tool, sam);

    const page = await browser.newPage();
    await openApp(page, tool.url, lead.token);
    await page.evaluate((hash) => (window.location.hash = hash), `#/panel/rounds/${roundId}`);
    await page.getByRole("heading", { level: 1, name: "Allocation panel" }).waitFor();
    const section = page.getByRole("region", { name: "Allocation to reviewers" });
    await section.getByText("2 portfolios have no reviewer yet.").waitFor();
    await checkLoadedPage(page, "allocation before allocating");

    // Allocate, by keyboard: Alex's portfolio cannot go to Kim (same school), so it goes to Dr Jo Reid; Sam's to Kim.
    await pressByKeyboard(page, section.getByRole("button", { name: "Allocate" }), "Enter");
    await section.getByRole("status").filter({ hasText: "Allocated 2 portfolios." }).waitFor();
    const table = section.getByRole("table", { name: "Portfolios and their reviewers" });
    const alexReviewer = table.getByLabel("Reviewer for Alex Morgan's portfolio");
    const samReviewer = table.getByLabel("Reviewer for Sam Patel's portfolio");
    expect(await alexReviewer.inputValue()).toBe(tutor.userId);
    expect(await samReviewer.inputValue()).toBe(kim.userId);
    // Kim is not even offered for Alex's portfolio while Dr Reid can take it.
    expect(await alexReviewer.locator("option").allTextContents()).toEqual(["Dr Jo Reid"]);
    await section.getByText("Every portfolio has a reviewer.").waitFor();
    await checkLoadedPage(page, "allocation done");

    // The lead moves Sam's portfolio to Dr Reid: choose, then Save, from the keyboard.
    await samReviewer.focus();
    await samReviewer.selectOption(tutor.userId);
    await pressByKeyboard(page, table.getByRole("button", { name: "Save reviewer for Sam Patel" }), "Enter");
    await section
      .getByRole("status")
      .filter({ hasText: "Sam Patel's portfolio is allocated to Dr Jo Reid." })
      .waitFor();
    await section.getByText(/Dr Jo Reid: 2; Kim Baker \(Oakfield Primary\): 0/).waitFor();
    await checkLoadedPage(page, "allocation changed by hand");

    // Dr Reid sees what is allocated to them first, above the rounds.
    const reviewerPage = await browser.newPage();
    await openApp(reviewerPage, tool.url, tutor.token);
    await reviewerPage.evaluate(() => (window.location.hash = "#/panel"));
    await reviewerPage.getByRole("heading", { level: 1, name: "Panel rounds" }).waitFor();
    const mine = reviewerPage.getByRole("region", { name: "Allocated to you" });
    await mine.getByText("2 portfolios wait for your review.").waitFor();
    const headings = await reviewerPage.locator("main h2, main caption").allTextContents();
    expect(headings[0]).toBe("Allocated to you");
    await mine.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await checkLoadedPage(reviewerPage, "reviewer's panel list with their allocation");
    await reviewerPage.close();

    // Only Kim stays on the round: the rerun gives Alex's portfolio to her, flagged, because nobody else can take it.
    const detail = await request(tool.url).get(`/api/panel/rounds/${roundId}`).set(bearer(lead.token)).expect(200);
    await request(tool.url)
      .patch(`/api/panel/rounds/${roundId}`)
      .set(bearer(lead.token))
      .send({ memberUserIds: [kim.userId], expectedVersion: detail.body.version })
      .expect(200);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Allocation panel" }).waitFor();
    await pressByKeyboard(page, section.getByRole("button", { name: "Allocate" }), "Enter");
    await section.getByRole("status").filter({ hasText: "Allocated 2 portfolios." }).waitFor();
    const alexRow = table.getByRole("row").filter({ hasText: "Alex Morgan" });
    await alexRow.getByText("Same school as the mentor: no reviewer from another school sits on this round").waitFor();
    expect(
      await table
        .getByRole("row")
        .filter({ hasText: "Sam Patel" })
        .getByText(/Same school/)
        .count(),
    ).toBe(0);
    await section.getByText(/1 allocated within the mentor's school/).waitFor();
    await checkLoadedPage(page, "allocation with a same-school flag");
    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "allocation, narrow");
    await page.close();
  });
});
