import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import {
  addEvidence,
  dayFromToday,
  include,
  launch,
  openPortfolio,
  passModules,
  pdfBytes,
  pngBytes,
  type Launched,
} from "../portfolio/support";

// Issue #17 item 3: "show image and PDF previews". A preview opens by keyboard from the journal,
// shows the file itself (the image decodes; the PDF frame is allowed by the page's CSP), and a
// kind of file a browser cannot show offers no preview, only the download. The panel previews
// the files of the version it judges the same way.

let tool: RunningTool;
let browser: Browser;
let mentor: Launched;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  mentor = await launch(tool, devUsers.mentor);
  const item = await addEvidence(tool, mentor, { title: "Lesson observation with files", practiceDate: "2026-10-07" });
  const files = [
    { bytes: pngBytes, filename: "whiteboard.png", contentType: "image/png" },
    { bytes: pdfBytes, filename: "feedback.pdf", contentType: "application/pdf" },
    { bytes: Buffer.from("Notes from the debrief.\n"), filename: "debrief.txt", contentType: "text/plain" },
  ];
  for (const f of files) {
    const res = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor.token))
      .attach("file", f.bytes, { filename: f.filename, contentType: f.contentType });
    expect(res.status).toBe(201);
  }
});

async function openEvidence(): Promise<{ page: Page; refused: string[] }> {
  const page = await browser.newPage();
  const refused: string[] = [];
  // A CSP refusal shows only in the console; collect it so the test fails on one.
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await openApp(page, tool.url, mentor.token);
  await page.goto(`${tool.url}/app/#/evidence`);
  await page.locator("ol.journal").waitFor();
  return { page, refused };
}

describe("attachment previews", () => {
  it("previews an image and a PDF by keyboard, and offers none for a text file", async () => {
    const { page, refused } = await openEvidence();
    try {
      const imageButton = page.getByRole("button", { name: "Preview whiteboard.png" });
      await imageButton.focus();
      await page.keyboard.press("Enter");
      const image = page.getByRole("img", { name: "Preview of whiteboard.png" });
      await image.waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>("img.attachment-preview__image");
        return Boolean(img?.complete && img.naturalWidth > 0);
      });
      expect(
        await page.getByRole("button", { name: "Hide preview whiteboard.png" }).getAttribute("aria-expanded"),
      ).toBe("true");

      await page.getByRole("button", { name: "Preview feedback.pdf" }).focus();
      await page.keyboard.press("Enter");
      const frame = page.locator('iframe[title="Preview of feedback.pdf"]');
      await frame.waitFor();
      expect(await frame.getAttribute("src")).toMatch(/^blob:/);

      expect(await page.getByRole("button", { name: "Preview debrief.txt" }).count()).toBe(0);
      await page.getByRole("button", { name: "Download debrief.txt" }).waitFor();
      await checkLoadedPage(page, "evidence with previews open");

      // Closing releases the preview and gives the button back its name.
      await page.getByRole("button", { name: "Hide preview whiteboard.png" }).press("Enter");
      await image.waitFor({ state: "detached" });
      expect(await page.getByRole("button", { name: "Preview whiteboard.png" }).getAttribute("aria-expanded")).toBe(
        "false",
      );
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the panel previews a submitted version's files", () => {
  it("a round member opens the portfolio and previews its image", async () => {
    const tutor = await launch(tool, devUsers.tutor);
    const lead = await launch(tool, devUsers.lead);
    const mentor2 = await launch(tool, devUsers.mentor2);
    await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Preview panel", date: dayFromToday(15), memberUserIds: [tutor.userId] })
      .expect(201);
    await passModules(mentor2, ["M1", "M2"]);
    const portfolio = await openPortfolio(tool, mentor2, "QMS");
    const item = await addEvidence(tool, mentor2, { title: "Photo of the feedback board" });
    await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor2.token))
      .attach("file", pngBytes, { filename: "board.png", contentType: "image/png" })
      .expect(201);
    await include(tool, mentor2, portfolio.id, item.id);
    await request(tool.url)
      .post(`/api/portfolios/${portfolio.id}/submit`)
      .set(bearer(mentor2.token))
      .send({ expectedVersion: portfolio.version })
      .expect(201);

    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, tutor.token);
      await page.getByRole("link", { name: "Panel rounds" }).first().click();
      await page.getByRole("link", { name: "Preview panel" }).click();
      await page.getByRole("link", { name: "Sam Patel" }).click();
      const preview = page.getByRole("button", { name: "Preview board.png" });
      await preview.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("img", { name: "Preview of board.png" }).waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>("img.attachment-preview__image");
        return Boolean(img?.complete && img.naturalWidth > 0);
      });
      await checkLoadedPage(page, "panel view with a preview open");
    } finally {
      await page.close();
    }
  });
});
