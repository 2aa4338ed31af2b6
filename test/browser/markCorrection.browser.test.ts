import request from "supertest";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers, launchAs } from "../support/launch";
import { completeEntryAudit, prepareModule } from "../programme/helpers";

let tool: RunningTool;
let browser: Browser;
let tutor: string;
let mentor: string;
let recordId: string;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  await t.gradebook.stop();
  tutor = (await launchAs(tool, { userId: devUsers.tutor })).token;
  mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
  const api = () => request(tool.url);
  await completeEntryAudit(tool, mentor);
  await prepareModule(tool, mentor, "M1");
  expect((await api().post("/api/modules/M1/submit").set(bearer(mentor))).status).toBe(201);
  const item = (await api().get("/api/marking").set(bearer(tutor))).body.items.find(
    (i: { moduleCode: string }) => i.moduleCode === "M1",
  );
  recordId = item.recordId;
  expect(
    (
      await api()
        .post(`/api/marking/${recordId}/mark`)
        .set(bearer(tutor))
        .send({ attempt: 1, outcome: "pass", feedback: "A clear account of the paperwork." })
    ).status,
  ).toBe(201);
});

describe("correcting a mark in a browser", () => {
  it("a tutor corrects a mark by keyboard, with a reason; the mentor's module page says it was corrected", async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, tutor);
    await page.goto(`${tool.url.replace(/\/$/, "")}/app/#/marking/${recordId}`);
    await page.getByRole("heading", { level: 2, name: "Current mark" }).waitFor();
    await checkLoadedPage(page, "marked work with Correct mark");

    // Open the form by keyboard: focus goes to its first field.
    const open = page.getByRole("button", { name: "Correct mark" });
    await open.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("form", { name: "Correct the mark" }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe(
      "correct-outcome-pass",
    );
    // Cancel returns focus to the button.
    await page.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    await open.waitFor();
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown"); // Pass → Resubmit
    expect(await page.getByRole("radio", { name: "Resubmit" }).isChecked()).toBe(true);
    // Without a reason: refused, naming the field as the form labels it; nothing saved.
    await page.getByRole("button", { name: "Save correction" }).click();
    await page
      .getByText(/Reason for the correction/)
      .first()
      .waitFor();
    await page.locator(".field--error").filter({ hasText: "Reason for the correction" }).waitFor();
    expect(await ModuleMark.findOne({ recordId }).lean()).toMatchObject({ revision: 0, passed: true });
    await checkLoadedPage(page, "correction refused without a reason");

    await page.getByLabel("Reason for the correction").fill("The second activity's evidence is missing.");
    await page.getByLabel("Reason for the correction").press("Tab");
    await page.keyboard.press("Tab"); // past the feedback box, to Save correction
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Mark corrected to Resubmit" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Corrections of this mark" }).waitFor();
    await page.getByText(/Pass → Resubmit by/).waitFor();
    expect(await ModuleMark.findOne({ recordId }).lean()).toMatchObject({ revision: 1, passed: false });
    await checkLoadedPage(page, "mark corrected");

    const mentorPage = await browser.newPage({ viewport: viewports.narrow });
    await openApp(mentorPage, tool.url, mentor);
    await mentorPage.goto(`${tool.url.replace(/\/$/, "")}/app/#/modules/M1`);
    await mentorPage.getByText(/Corrected on .* it was Pass\. Reason:/).waitFor();
    await checkLoadedPage(mentorPage, "mentor's module page after a correction");
    await mentorPage.close();
    await page.close();
  });
});
