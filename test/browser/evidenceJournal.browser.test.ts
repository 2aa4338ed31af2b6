import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { attachmentRules } from "../../server/src/contracts/evidence";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { addEvidence, launch, pngBytes, type Launched } from "../portfolio/support";

// The evidence list reads like a journal, and the page is kind to keyboard users: focus lands
// where the work is, every control shows focus, notices never go stale, big files are refused
// before they are sent.

let tool: RunningTool;
let browser: Browser;
let mentor: Launched;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  mentor = await launch(tool, devUsers.mentor);
  await addEvidence(tool, mentor, {
    title: "Weekly meeting in October",
    practiceDate: "2026-10-05",
    narrativeHtml:
      "<p>We agreed two targets for questioning.</p><p>My trainee chose which class to try them with.</p><p>Third paragraph, not shown in the list.</p>",
    links: [{ url: "https://example.org/meeting-notes", label: "Meeting notes" }],
    standards: [{ standardCode: "1", descriptorCode: "1.1", note: "" }],
  });
  const observed = await addEvidence(tool, mentor, {
    title: "Lesson observation in November",
    practiceDate: "2026-11-12",
    narrativeHtml: "<p>I watched the starter and gave written feedback.</p>",
    standards: [{ standardCode: "2", descriptorCode: null, note: "" }],
  });
  const attached = await request(tool.url)
    .post(`/api/evidence/${observed.id}/attachments`)
    .set(bearer(mentor.token))
    .attach("file", pngBytes, { filename: "feedback-sheet.png", contentType: "image/png" });
  expect(attached.status).toBe(201);
  await addEvidence(tool, mentor, {
    title: "Induction in September",
    practiceDate: "2026-09-10",
    narrativeHtml: "",
    standards: [],
  });
});

const entryTitles = (page: Page) => page.locator("ol.journal > li h2").allTextContents();
const focusedText = (page: Page) =>
  page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent ?? ""}`.trim());

/**
 * Tabs through the whole page and returns every control that took focus without showing it: no
 * outline on the control (or, for a visually hidden file input, on its label, which is what shows).
 */
async function controlsWithoutVisibleFocus(page: Page): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const missing: string[] = [];
  const seen = new Set<string>();
  let previous = "";
  for (let step = 0; step < 300; step++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const shown =
        el instanceof HTMLInputElement && el.type === "file" && el.classList.contains("visually-hidden")
          ? (el.nextElementSibling as HTMLElement)
          : el;
      const style = getComputedStyle(shown);
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? el.id).trim().slice(0, 50)}"#${[...document.querySelectorAll("*")].indexOf(el)}`;
      return { name, isVisible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
    });
    // A date input takes several Tabs (day, month, year): the same control again is not a loop.
    if (focus && focus.name === previous) continue;
    if (!focus || seen.has(focus.name)) break;
    previous = focus.name;
    seen.add(focus.name);
    if (!focus.isVisible) missing.push(focus.name);
  }
  expect(seen.size, [...seen].join(", ")).toBeGreaterThan(10);
  return missing;
}

async function openEvidence(): Promise<Page> {
  const page = await browser.newPage();
  await openApp(page, tool.url, mentor.token);
  await page.goto(`${tool.url}/app/#/evidence`);
  await page.getByRole("heading", { level: 1, name: "Evidence" }).waitFor();
  await page.locator("ol.journal").waitFor();
  return page;
}

describe("the evidence journal", () => {
  it("shows each entry's date, title, narrative opening, standards, links and attachments, newest first, and filters by standard and date", async () => {
    const page = await openEvidence();
    await checkLoadedPage(page, "evidence journal");
    expect(await entryTitles(page)).toEqual([
      "Lesson observation in November",
      "Weekly meeting in October",
      "Induction in September",
    ]);

    const october = page.getByRole("article", { name: "Weekly meeting in October" });
    expect(await october.locator("time").getAttribute("datetime")).toBe("2026-10-05");
    expect(await october.locator("time").textContent()).toBe("5 October 2026");
    const text = await october.textContent();
    expect(text).toContain("We agreed two targets for questioning.");
    expect(text).toContain("My trainee chose which class to try them with.");
    expect(text).not.toContain("Third paragraph");
    expect(text).toContain("1.1");
    expect(await october.getByRole("link", { name: /Meeting notes/ }).getAttribute("href")).toBe(
      "https://example.org/meeting-notes",
    );
    const november = page.getByRole("article", { name: "Lesson observation in November" });
    expect(await november.textContent()).toMatch(/Standard 2 \(/);
    await november.getByRole("button", { name: "Download feedback-sheet.png" }).waitFor();
    expect(await page.getByRole("article", { name: "Induction in September" }).textContent()).toContain(
      "No narrative written yet.",
    );

    await page.getByLabel("Standard", { exact: true }).selectOption("1");
    await page.getByText("Showing 1 of 3 pieces of evidence.").waitFor();
    expect(await entryTitles(page)).toEqual(["Weekly meeting in October"]);
    await page.getByLabel("Standard", { exact: true }).selectOption("");
    await page.getByLabel("Practice date from", { exact: true }).fill("2026-10-01");
    await page.getByLabel("Practice date to", { exact: true }).fill("2026-10-31");
    await page.getByText("Showing 1 of 3 pieces of evidence.").waitFor();
    expect(await entryTitles(page)).toEqual(["Weekly meeting in October"]);
    await page.getByLabel("Practice date to", { exact: true }).fill("");
    await page.getByLabel("Order").selectOption("oldest");
    await page.getByText("Showing 2 of 3 pieces of evidence.").waitFor();
    expect(await entryTitles(page)).toEqual(["Weekly meeting in October", "Lesson observation in November"]);
    await checkLoadedPage(page, "evidence journal, filtered");
    // Every control on the page shows where focus is, reached by Tab alone.
    expect(await controlsWithoutVisibleFocus(page)).toEqual([]);
    await page.close();
  });

  it("moves focus to the form after Add evidence and to the saved entry after Save evidence, by keyboard alone", async () => {
    const page = await openEvidence();
    await page.getByRole("button", { name: "Add evidence" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Add evidence" }).waitFor();
    await expect.poll(() => focusedText(page)).toBe("H1 Add evidence");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Coaching conversation");
    expect(await page.getByLabel("Title").inputValue()).toBe("Coaching conversation");
    await page.getByLabel("Date of the practice").fill("2026-12-01");
    await page.getByRole("button", { name: "Save evidence" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: 'Saved "Coaching conversation".' }).waitFor();
    await expect.poll(() => focusedText(page)).toBe("H2 Coaching conversation");
    await checkLoadedPage(page, "evidence journal after saving");
    await page.close();
  });

  it("shows focus on Attach a file, clears an old notice when a new action starts, and refuses a too-large file before sending it", async () => {
    const page = await openEvidence();
    const entry = page.getByRole("article", { name: "Weekly meeting in October" });
    await entry.getByRole("button", { name: /^Edit/ }).focus();
    // Tab from Edit reaches the file input; its visible label must show the focus ring.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe("file");
    const label = entry.locator("label", { hasText: "Attach a file" });
    expect(await label.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
    expect(await label.evaluate((el) => parseFloat(getComputedStyle(el).outlineWidth))).toBeGreaterThanOrEqual(2);
    await checkLoadedPage(page, "evidence journal, file input focused");

    const input = entry.locator('input[type="file"]');
    await input.setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: pngBytes });
    await page.getByRole("status").filter({ hasText: 'Attached "photo.png"' }).waitFor();
    await expect.poll(() => focusedText(page)).toBe("H2 Weekly meeting in October");

    const uploads: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/attachments")) uploads.push(r.url());
    });
    await page
      .getByRole("article", { name: "Weekly meeting in October" })
      .locator('input[type="file"]')
      .setInputFiles({
        name: "video.mp4",
        mimeType: "video/mp4",
        buffer: Buffer.alloc(attachmentRules.maxBytes + 2 * 1024 * 1024),
      });
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: "That file is too large" }).waitFor();
    expect(await alert.textContent()).toContain('"video.mp4" is 12 MB; files can be up to 10 MB.');
    expect(await page.getByRole("status").filter({ hasText: "Attached" }).count()).toBe(0);
    expect(uploads).toEqual([]);
    await checkLoadedPage(page, "evidence journal, file refused");
    await page.close();
  });
});
