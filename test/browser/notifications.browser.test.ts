import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { addEvidence, launch, type Launched } from "../portfolio/support";

// Issue #17 item 5: people are told. The mentor's home says what is new and marks it read; the
// notifications page lists everything, one or all marked read, by keyboard, axe clean. A lead
// mentor is told of the mentor's reply on their caseload home.

let tool: RunningTool;
let browser: Browser;
let mentor: Launched;
let leadMentor: Launched;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  mentor = await launch(tool, devUsers.mentor);
  leadMentor = await launch(tool, "dev-lead-mentor-1");
  const item = await addEvidence(tool, mentor, { title: "Target-setting meeting" });
  for (const body of ["Which target mattered most?", "How did your trainee respond?"]) {
    await request(tool.url)
      .post("/api/evidence-comments")
      .set(bearer(leadMentor.token))
      .send({ evidenceId: item.id, body })
      .expect(201);
  }
  // 2025/26 funds 16 hours of initial training: 18 go over the cap.
  for (const hours of [10, 8]) {
    await request(tool.url)
      .post("/api/hours")
      .set(bearer(mentor.token))
      .send({ date: "2025-10-14", activity: "Mentor training day", hours, kind: "initial" })
      .expect(201);
  }
  // The mentor answers, which tells the lead mentor.
  await request(tool.url)
    .post("/api/evidence-comments")
    .set(bearer(mentor.token))
    .send({ evidenceId: item.id, body: "The behaviour routine." })
    .expect(201);
});

const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? "").trim());
const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? "");
const hoursTitle = "Your initial training hours for 2025/26 are over the funded cap";

async function open(who: Launched, path = "/"): Promise<Page> {
  const page = await browser.newPage();
  await openApp(page, tool.url, who.token);
  if (path !== "/") {
    await page.goto(`${tool.url}/app/#${path}`);
    await page.waitForSelector("main:not([data-loading]) h1");
  }
  return page;
}

describe("notifications", () => {
  it("the mentor's home says what is new; marking one read by keyboard takes it off and focus moves to the next", async () => {
    const page = await open(mentor);
    try {
      const news = page.getByRole("region", { name: "News for you" });
      await news.waitFor();
      await news.getByRole("status").filter({ hasText: "3 new." }).waitFor();
      await news.getByRole("link", { name: hoursTitle }).waitFor();
      await news.getByRole("link", { name: "Ruth Adeyemi commented on your evidence" }).first().waitFor();
      await checkLoadedPage(page, "mentor home: news");

      // Newest first: the hours notice, then the two comments.
      const titles = await news.locator("h3").allTextContents();
      expect(titles[0]).toBe(hoursTitle);
      const markHours = news.getByRole("button", { name: `Mark as read: ${hoursTitle}` });
      await markHours.focus();
      await page.keyboard.press("Enter");
      await news.getByRole("status").filter({ hasText: "2 new." }).waitFor();
      await markHours.waitFor({ state: "detached" });
      await page.waitForFunction(() => document.activeElement?.tagName === "H3");
      expect(await focusedText(page)).toBe("Ruth Adeyemi commented on your evidence");
      await checkLoadedPage(page, "mentor home: one marked read");

      // From there, Tab reaches the link into that notice, then its own "Mark as read".
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("Ruth Adeyemi commented on your evidence");
      expect(await focusedTag(page)).toBe("A");
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("Mark as read");

      // The way to everything.
      const all = news.getByRole("link", { name: "All notifications" });
      await all.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    } finally {
      await page.close();
    }
  });

  it("the notifications page lists everything, new ones marked; one and then all are marked read by keyboard", async () => {
    const page = await open(mentor, "/notifications");
    try {
      await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      // The heading shows while the list loads: wait for the list before counting in it.
      await page.getByRole("article", { name: hoursTitle }).waitFor();
      const comments = page.getByRole("article", { name: "Ruth Adeyemi commented on your evidence" });
      expect(await comments.count()).toBe(2);
      await checkLoadedPage(page, "notifications");
      const newCount = async () =>
        Number(/(\d+) new\./.exec((await page.getByRole("status").first().textContent()) ?? "")?.[1] ?? 0);
      const before = await newCount();
      expect(before).toBeGreaterThanOrEqual(1);

      // From the heading, Tab reaches "Mark all as read" first.
      await page.locator("h1").focus();
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("Mark all as read");

      // One read: its button goes, focus stays on that notice's title.
      const first = comments.first();
      const firstTitle = (await first.locator("h2").textContent())!.trim();
      await first.getByRole("button", { name: /^Mark as read/ }).focus();
      await page.keyboard.press("Enter");
      await first.getByRole("button", { name: /^Mark as read/ }).waitFor({ state: "detached" });
      await page.waitForFunction(() => document.activeElement?.tagName === "H2");
      expect(await focusedText(page)).toBe(firstTitle);
      expect(await newCount()).toBe(before - 1);
      await checkLoadedPage(page, "notifications: one read");

      // All read: the sentence says how many, and takes focus.
      await page.getByRole("button", { name: "Mark all as read" }).focus();
      await page.keyboard.press("Enter");
      const said = page
        .getByRole("status")
        .filter({ hasText: `Marked ${before - 1} notification${before - 1 === 1 ? "" : "s"} as read. Nothing new.` });
      await said.waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");
      expect(await page.getByRole("button", { name: /Mark (all )?as read/ }).count()).toBe(0);
      await checkLoadedPage(page, "notifications: all read");

      // Read stays read, and the home page has nothing new.
      expect((await request(tool.url).get("/api/notices").set(bearer(mentor.token))).body.unread).toBe(0);
      await page.goto(`${tool.url}/app/#/`);
      await page
        .getByRole("region", { name: "News for you" })
        .getByRole("status")
        .filter({ hasText: "Nothing new." })
        .waitFor();
      await checkLoadedPage(page, "mentor home: nothing new");
    } finally {
      await page.close();
    }
  });

  it("tells the lead mentor of the mentor's reply on their caseload home", async () => {
    const page = await open(leadMentor);
    try {
      const news = page.getByRole("region", { name: "News for you" });
      await news.getByRole("link", { name: "Alex Morgan replied to your comment" }).waitFor();
      await news.getByText("The behaviour routine.").waitFor();
      await checkLoadedPage(page, "lead mentor caseload: news");
      await news.getByRole("button", { name: "Mark as read: Alex Morgan replied to your comment" }).focus();
      await page.keyboard.press("Enter");
      await news.getByRole("status").filter({ hasText: "Nothing new." }).waitFor();
      // Nothing left to move to: focus goes to the section's heading.
      await page.waitForFunction(() => document.activeElement?.id === "notices");
    } finally {
      await page.close();
    }
  });
});
