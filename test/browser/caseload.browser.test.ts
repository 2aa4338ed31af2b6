import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp, runAxe } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers, launchAs } from "../support/launch";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

/** Presses Tab until `target` has focus; fails if it is not reached, so it is reachable by keyboard. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("never reached by Tab");
}

describe("a lead mentor's caseload, in the browser", () => {
  it("lists only their mentors, opens one by keyboard and comments; the mentor reads it on their page; all axe clean", async () => {
    const { token: mentorToken } = await launchAs(tool, { userId: devUsers.mentor });
    await launchAs(tool, { userId: devUsers.mentor2 });
    const created = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentorToken))
      .send({
        title: "Weekly meeting notes",
        practiceDate: "2026-10-01",
        narrativeHtml: "<p>We set two targets.</p>",
        standards: [{ standardCode: "1", descriptorCode: "1.1", note: "" }],
      });
    expect(created.status).toBe(201);
    const second = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentorToken))
      .send({
        title: "Lesson observation debrief",
        practiceDate: "2026-10-08",
        narrativeHtml: "<p>We looked at questioning.</p>",
        standards: [{ standardCode: "2", descriptorCode: null, note: "" }],
      });
    expect(second.status).toBe(201);

    const { token } = await launchAs(tool, { userId: "dev-lead-mentor-1" });
    const page = await browser.newPage();
    await openApp(page, tool.url, token);
    await page.getByRole("heading", { level: 1, name: "Your caseload" }).waitFor();
    await page.getByRole("table", { name: "Mentors you lead" }).waitFor();
    await checkLoadedPage(page, "caseload");
    expect(await runAxe(page)).toEqual([]);
    const rows = page.getByRole("table", { name: "Mentors you lead" }).getByRole("rowheader");
    expect(await rows.allInnerTexts()).toEqual(["Alex Morgan"]);
    expect(await page.getByRole("cell", { name: /No evidence in 30 days/ }).count()).toBe(0);

    // By keyboard alone: to the mentor, in, to the comment box, and send.
    const draftReads: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "GET" && new URL(r.url()).pathname === "/api/drafts") draftReads.push(r.url());
    });
    await tabTo(page, page.getByRole("link", { name: "Alex Morgan" }));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Alex Morgan's work" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Weekly meeting notes" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Lesson observation debrief" }).waitFor();
    // Each item's comment box may hold a draft: one read asks for them all, not one per item.
    await page.waitForLoadState("networkidle");
    expect(draftReads).toHaveLength(1);
    expect(new URL(draftReads[0]).searchParams.getAll("form").sort()).toEqual(
      [`comment:${created.body.id}`, `comment:${second.body.id}`].sort(),
    );
    await checkLoadedPage(page, "mentor work");
    expect(await runAxe(page)).toEqual([]);
    await tabTo(page, page.getByRole("textbox", { name: "Comment" }).first());
    await page.keyboard.type("Which target will you review first?");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page
      .getByRole("list", { name: "Comments on Weekly meeting notes" })
      .getByText("Which target will you review first?")
      .waitFor();
    expect(await runAxe(page)).toEqual([]);
    await page.close();

    const mentorPage = await browser.newPage();
    await openApp(mentorPage, tool.url, mentorToken);
    await mentorPage.getByRole("link", { name: "Who does what" }).first().click();
    await mentorPage.getByRole("heading", { level: 1, name: "Who does what" }).waitFor();
    await mentorPage.getByText("Which target will you review first?").waitFor();
    await mentorPage
      .getByText(/Ruth Adeyemi/)
      .first()
      .waitFor();
    await checkLoadedPage(mentorPage, "who does what");
    expect(await runAxe(mentorPage)).toEqual([]);
    await mentorPage.close();
  });

  it("the development platform's home page fits a phone (390 px) without cutting off launch buttons", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${tool.url}/dev-platform/`);
    const buttons = page.getByRole("button", { name: /^Launch as/ });
    expect(await buttons.count()).toBeGreaterThanOrEqual(10);
    for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox()))) {
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });

  it("lets a person trying the tool add a lead mentor on the development platform and launch as them", async () => {
    const page = await browser.newPage();
    await page.goto(`${tool.url}/dev-platform/`);
    await page.getByLabel("Name").fill("Dana Fox");
    await page.getByLabel("Role").selectOption("leadMentor");
    await page.getByLabel("Sam Patel (Riverside Academy)").check();
    await page.getByRole("button", { name: "Add the person" }).click();
    await page.getByRole("status").getByText("Added Dana Fox").waitFor();
    await page
      .getByRole("radio", { name: /in this whole window/ })
      .first()
      .check();
    await page.getByRole("button", { name: "Launch as Dana Fox (Mentor)" }).click();
    await page.getByRole("heading", { level: 1, name: "Your caseload" }).waitFor();
    await page.getByRole("table", { name: "Mentors you lead" }).getByRole("rowheader", { name: "Sam Patel" }).waitFor();
    await page.close();
  });
});
