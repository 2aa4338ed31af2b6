import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { addEvidence, launch, pngBytes, type Launched } from "../portfolio/support";

// Issue #17 item 3: a delete asks once (focus on Cancel; Cancel gives focus back), can be undone
// at once from "Undo", or later from the page's bin; by keyboard, axe clean.

let tool: RunningTool;
let browser: Browser;
let mentor: Launched;
let tutor: Launched;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  mentor = await launch(tool, devUsers.mentor);
  tutor = await launch(tool, devUsers.tutor);
  await addEvidence(tool, mentor, { title: "Mentoring meeting to keep", practiceDate: "2026-10-05" });
  const item = await addEvidence(tool, mentor, { title: "Observation I nearly lost", practiceDate: "2026-10-06" });
  const attached = await request(tool.url)
    .post(`/api/evidence/${item.id}/attachments`)
    .set(bearer(mentor.token))
    .attach("file", pngBytes, { filename: "notes.png", contentType: "image/png" });
  expect(attached.status).toBe(201);
});

const focused = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? "").trim());
const titles = (page: Page) => page.locator("ol.journal > li h2").allTextContents();

async function openEvidence(): Promise<Page> {
  const page = await browser.newPage();
  await openApp(page, tool.url, mentor.token);
  await page.goto(`${tool.url}/app/#/evidence`);
  await page.locator("ol.journal").waitFor();
  return page;
}

describe("deleting evidence is safe", () => {
  it("asks once, and is undone by keyboard straight after", async () => {
    const page = await openEvidence();
    try {
      await checkLoadedPage(page, "evidence with a bin");
      const deleteButton = page.getByRole("button", { name: "Delete Observation I nearly lost" });
      await deleteButton.focus();
      await page.keyboard.press("Enter");
      // Asked once, in place; focus on Cancel, so a second Enter does no harm.
      const question = page.getByRole("group", { name: "Delete “Observation I nearly lost”?" });
      await question.waitFor();
      expect(await focused(page)).toBe("Cancel");
      await checkLoadedPage(page, "evidence: delete asked");
      await page.keyboard.press("Enter");
      await question.waitFor({ state: "detached" });
      expect(await focused(page)).toBe("Delete Observation I nearly lost");
      expect(await titles(page)).toContain("Observation I nearly lost");

      // Asked again, this time confirmed by keyboard: Shift+Tab from Cancel to "Yes, delete".
      await page.keyboard.press("Enter");
      await question.waitFor();
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe("Yes, delete");
      await page.keyboard.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: "Deleted “Observation I nearly lost”. It is in the bin for 30 days." })
        .waitFor();
      await page.waitForFunction(() => document.activeElement?.id === "undo-delete");
      expect(await titles(page)).not.toContain("Observation I nearly lost");
      await page.getByRole("region", { name: "Bin" }).getByText("“Observation I nearly lost”").waitFor();
      await checkLoadedPage(page, "evidence: deleted, with Undo");

      // Undo by keyboard: it comes back with its file, and focus lands on it.
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Restored “Observation I nearly lost”." }).waitFor();
      await page.waitForFunction(
        () => document.activeElement?.textContent?.includes("Observation I nearly lost") ?? false,
      );
      expect(await titles(page)).toContain("Observation I nearly lost");
      await page.getByRole("button", { name: "Download notes.png" }).waitFor();
      await page.getByRole("region", { name: "Bin" }).getByText("The bin is empty.").waitFor();

      await checkLoadedPage(page, "evidence: restored by Undo");
    } finally {
      await page.close();
    }
  });

  it("removing a file asks once and Undo puts it back", async () => {
    const page = await openEvidence();
    try {
      await page.getByRole("button", { name: "Remove notes.png" }).click();
      expect(await focused(page)).toBe("Cancel");
      await page.getByRole("button", { name: "Yes, remove" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "Deleted “notes.png”. It is in the bin for 30 days." })
        .waitFor();
      await page.waitForFunction(() => document.activeElement?.id === "undo-delete");
      expect(await page.getByRole("button", { name: "Download notes.png" }).count()).toBe(0);
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Restored “notes.png”." }).waitFor();
      await page.getByRole("button", { name: "Download notes.png" }).waitFor();
    } finally {
      await page.close();
    }
  });

  it("evidence deleted earlier comes back from the bin after the page is opened again", async () => {
    const item = await addEvidence(tool, mentor, { title: "Reflection deleted last week", practiceDate: "2026-10-09" });
    expect((await request(tool.url).delete(`/api/evidence/${item.id}`).set(bearer(mentor.token))).status).toBeLessThan(
      300,
    );
    const page = await openEvidence();
    try {
      // No Undo on a fresh page: the bin is the way back.
      expect(await page.locator("#undo-delete").count()).toBe(0);
      const bin = page.getByRole("region", { name: "Bin" });
      const restore = bin.getByRole("button", { name: "Restore “Reflection deleted last week”" });
      await restore.focus();
      await checkLoadedPage(page, "evidence bin with an entry");
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Restored “Reflection deleted last week”." }).waitFor();
      await page.locator("ol.journal > li h2", { hasText: "Reflection deleted last week" }).waitFor();
      await bin.getByText("The bin is empty.").waitFor();
    } finally {
      await page.close();
    }
  });
});

describe("removing hours is safe", () => {
  it("asks once and Undo puts the entry back in the ledger", async () => {
    const logged = await request(tool.url).post("/api/hours").set(bearer(tutor.token)).send({
      mentorUserId: devUsers.mentor,
      date: "2026-10-08",
      activity: "Coaching workshop",
      hours: 3,
      kind: "initial",
    });
    expect(logged.status).toBe(201);
    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, tutor.token);
      await page.goto(`${tool.url}/app/#/mentors/${devUsers.mentor}/hours`);
      const remove = page.getByRole("button", { name: "Remove Coaching workshop on 2026-10-08" });
      await remove.waitFor();
      await remove.focus();
      await page.keyboard.press("Enter");
      expect(await focused(page)).toBe("Cancel");
      await checkLoadedPage(page, "hours: remove asked");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Enter");
      await page
        .getByRole("status")
        .filter({ hasText: "Removed “Coaching workshop”. It is in the bin for 30 days." })
        .waitFor();
      await page.waitForFunction(() => document.activeElement?.id === "undo-remove");
      expect(await page.getByRole("cell", { name: "Coaching workshop" }).count()).toBe(0);
      await checkLoadedPage(page, "hours: removed, with Undo");
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Restored “Coaching workshop”." }).waitFor();
      await page.getByRole("cell", { name: "Coaching workshop" }).first().waitFor();

      // Removed again and the page opened afresh: Undo has gone, the bin brings it back.
      await page.getByRole("button", { name: "Remove Coaching workshop on 2026-10-08" }).click();
      await page.getByRole("button", { name: "Yes, remove" }).click();
      await page.getByRole("status").filter({ hasText: "Removed “Coaching workshop”." }).waitFor();
      await page.reload();
      const bin = page.getByRole("region", { name: "Bin" });
      const restore = bin.getByRole("button", { name: "Restore “Coaching workshop” on 2026-10-08" });
      await restore.waitFor();
      expect(await page.locator("#undo-remove").count()).toBe(0);
      expect(await page.getByRole("cell", { name: "Coaching workshop" }).count()).toBe(0);
      await checkLoadedPage(page, "hours bin with an entry");
      await restore.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Restored “Coaching workshop”." }).waitFor();
      await page.getByRole("cell", { name: "Coaching workshop" }).first().waitFor();
      await bin.getByText("The bin is empty.").waitFor();
    } finally {
      await page.close();
    }
  });
});
