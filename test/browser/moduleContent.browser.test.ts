import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { ModuleWorkFile } from "../../server/src/models/moduleWorkFile";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers, launchAs } from "../support/launch";
import { pdfBytes } from "../portfolio/support";
import { completeEntryAudit } from "../programme/helpers";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

const [module1, , module3] = defaultProgramme().modules;

async function openAs(userId: string) {
  const { token } = await launchAs(tool, { userId });
  const page = await browser.newPage();
  await openApp(page, tool.url, token);
  return { page, token };
}

/** Presses Tab until the focused element's accessible text matches `name` (at most `limit` presses); fails otherwise. */
async function tabTo(page: Page, name: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el
        ? `${el.textContent ?? ""} ${el.getAttribute("aria-label") ?? ""} ${el.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? "") : ""}`
        : "";
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe("a module teaches, in the browser", () => {
  it("says what opens a locked module instead of a dead end", async () => {
    const { page, token } = await openAs(devUsers.mentor);
    await completeEntryAudit(tool, token);
    await page.goto(`${tool.url}/app/#/modules`);
    await page.getByRole("heading", { level: 1, name: "Your modules" }).waitFor();
    // A locked module's card leads to its page, which says exactly what opens it.
    await page.getByRole("link", { name: `Module 3: ${module3.title}` }).click();
    await page.getByRole("heading", { level: 1, name: `Module 3: ${module3.title}` }).waitFor();
    const note = page.getByRole("note", { name: "Why this module is locked" });
    await expect
      .poll(() => note.textContent())
      .toContain("Opens when Modules 1 and 2 are passed and your audit before Mastery is complete.");
    // ... and still shows what it teaches, with nothing to tick or attach yet.
    await page.getByRole("heading", { level: 3, name: module3.content.sections[0].heading }).waitFor();
    expect(await page.getByLabel("Attach a file to your module work").count()).toBe(0);
    expect(await page.getByRole("checkbox").first().isDisabled()).toBe(true);
    await checkLoadedPage(page, "locked module 3");
    await page.close();
  });

  it("shows Module 1's content, reachable by keyboard, and takes a file and a reflection in paragraphs", async () => {
    const { page, token } = await openAs(devUsers.mentor);
    await completeEntryAudit(tool, token);
    await page.goto(`${tool.url}/app/#/modules/M1`);
    await page.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();

    const learn = page.getByRole("region", { name: "Learn" });
    for (const section of module1.content.sections) {
      await learn.getByRole("heading", { level: 3, name: section.heading }).waitFor();
      await learn.getByText(section.paragraphs[0]).waitFor();
    }
    const firstLink = module1.content.links[0];
    const link = learn.getByRole("link", { name: `${firstLink.title} (opens in a new tab)` });
    expect(await link.getAttribute("href")).toBe(firstLink.url);
    expect(await link.getAttribute("target")).toBe("_blank");
    await page.getByText(`What to submit: ${module1.activities[1].submit}`).waitFor();
    await checkLoadedPage(page, "module 1 content");

    // By keyboard alone: Tab reaches the reading, then the shipped file, and Enter downloads it.
    await page.getByRole("heading", { level: 1 }).focus();
    await tabTo(page, new RegExp(firstLink.title.replace(/[()]/g, ".")));
    const file = module1.content.files[0];
    await tabTo(page, new RegExp(`Download ${file.title}`));
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe(file.file);

    // A file attached to the module work goes through the attachment checks and is listed.
    await tabTo(page, /Attach a file to your module work/);
    await page
      .getByLabel("Attach a file to your module work")
      .setInputFiles({ name: "contacts.pdf", mimeType: "application/pdf", buffer: pdfBytes });
    await page.getByRole("status").filter({ hasText: "Attached “contacts.pdf” to your module work." }).waitFor();
    await page.getByRole("button", { name: "Download contacts.pdf" }).waitFor();
    expect(
      await ModuleWorkFile.countDocuments({ mentorUserId: devUsers.mentor, moduleCode: "M1", removedAt: null }),
    ).toBe(1);
    await checkLoadedPage(page, "module 1 with a file");

    // A file of the wrong kind is refused with the reason, and nothing is listed.
    await page
      .getByLabel("Attach a file to your module work")
      .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x00, 0x01, 0x02, 0xff]) });
    await page.getByRole("alert").filter({ hasText: "not a type of file we accept" }).waitFor();
    expect(await ModuleWorkFile.countDocuments({ mentorUserId: devUsers.mentor, moduleCode: "M1" })).toBe(1);

    // The reflection keeps its paragraphs once submitted and shown read-only.
    for (const activity of module1.activities) {
      const box = page.getByRole("checkbox", { name: activity.title });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
      await expect.poll(() => box.isEnabled()).toBe(true);
    }
    await page
      .getByLabel("Module reflection")
      .fill("First, I learned who signs what.\n\nSecond, I will diary the review points.");
    await page.getByRole("button", { name: "Save reflection" }).click();
    await page.getByRole("status").filter({ hasText: "Reflection saved." }).waitFor();
    await page.getByRole("button", { name: "Submit module work" }).click();
    await page.getByRole("status").filter({ hasText: "Module work submitted" }).waitFor();
    const paragraphs = page.getByRole("region", { name: "Your reflection" }).locator("p");
    await expect
      .poll(() => paragraphs.allTextContents())
      .toEqual(["First, I learned who signs what.", "Second, I will diary the review points."]);
    // The file went in with the work: still listed, no longer removable.
    await page.getByRole("button", { name: "Download contacts.pdf" }).waitFor();
    expect(await page.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    await checkLoadedPage(page, "module 1 submitted with a file");
    await page.close();

    // The tutor marking the work finds the file with it.
    const { page: tutor } = await openAs(devUsers.tutor);
    await tutor.getByRole("link", { name: "Marking" }).first().click();
    await tutor.getByRole("link", { name: "Alex Morgan" }).click();
    await tutor.getByRole("heading", { level: 2, name: "Your decision" }).waitFor();
    const [fromTutor] = await Promise.all([
      tutor.waitForEvent("download"),
      tutor.getByRole("button", { name: "Download contacts.pdf" }).click(),
    ]);
    expect(fromTutor.suggestedFilename()).toBe("contacts.pdf");
    await checkLoadedPage(tutor, "marking module 1 with a file");
    await tutor.close();
  });

  it("plays a programme's YouTube video in the page (a titled player the CSP allows) and links to it", async () => {
    const { token: leadToken } = await launchAs(tool, { userId: devUsers.lead });
    const programme = structuredClone(defaultProgramme());
    programme.version = 2;
    programme.modules[0].content.videos = [
      {
        title: "Setting targets in a weekly meeting",
        url: "https://www.youtube.com/watch?v=abc123",
        note: "Six minutes.",
      },
    ];
    await request(tool.url).put("/api/programme").set(bearer(leadToken)).send(programme).expect(200);

    // The second mentor has not started Module 1, so they see the programme now in force.
    const { page, token } = await openAs(devUsers.mentor2);
    // No network here: the player's host answers with a stand-in page, so the test sees whether
    // the frame is allowed to load it (a CSP refusal leaves the frame empty and logs why).
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await page.route("https://www.youtube-nocookie.com/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: "<!doctype html><title>Player</title><p id=player>Player stand-in</p>",
      }),
    );
    await completeEntryAudit(tool, token);
    await page.goto(`${tool.url}/app/#/modules/M1`);
    const watch = page.getByRole("region", { name: "Watch" });
    const video = watch.getByRole("link", {
      name: "Setting targets in a weekly meeting (video on YouTube) (opens in a new tab)",
    });
    await video.waitFor();
    expect(await video.getAttribute("href")).toBe("https://www.youtube.com/watch?v=abc123");
    const player = watch.locator('iframe[title="Video: Setting targets in a weekly meeting"]');
    await player.scrollIntoViewIfNeeded();
    expect(await player.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/abc123");
    await page.frameLocator('iframe[title="Video: Setting targets in a weekly meeting"]').locator("#player").waitFor();
    expect(refused).toEqual([]);
    await checkLoadedPage(page, "module 1 with a video");
    await page.close();
  });
});
