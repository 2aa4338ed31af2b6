import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { expectNoSeriousA11yViolations, launchBrowser, openApp } from "../support/browser";
import { devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { completeEntryAudit } from "../programme/helpers";

let tool: RunningTool;
let browser: Browser;

beforeAll(async () => {
  tool = await startTestTool();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await tool?.close();
});

async function checked(page: Page, label: string) {
  await page.waitForSelector("main:not([data-loading]) h1");
  await expectNoSeriousA11yViolations(page, label);
}

describe("a mentor completes Module 1 and a tutor marks it, in the browser", () => {
  it("works end to end without serious accessibility violations", async () => {
    const module1 = defaultProgramme().modules[0];
    const { token: mentorToken } = await launchAs(tool, { userId: devUsers.mentor });
    const mentor = await browser.newPage();
    await openApp(mentor, tool.url, mentorToken);
    await checked(mentor, "mentor home");

    // The audit page, before and after the entry audit the modules wait for.
    await mentor.getByRole("link", { name: "Mentor audit" }).first().click();
    await mentor.getByRole("heading", { level: 1, name: "Mentor audit" }).waitFor();
    await checked(mentor, "mentor audit");
    await completeEntryAudit(tool, mentorToken);

    await mentor.getByRole("link", { name: "Modules" }).first().click();
    await mentor.getByRole("heading", { level: 1, name: "Your modules" }).waitFor();
    await mentor.getByRole("link", { name: `Module 1: ${module1.title}` }).waitFor();
    await checked(mentor, "pathway");

    await mentor.getByRole("link", { name: `Module 1: ${module1.title}` }).click();
    await mentor.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();
    await checked(mentor, "module 1");
    for (const activity of module1.activities) {
      const box = mentor.getByRole("checkbox", { name: activity.title });
      // The box reflects the saved state, so it turns checked only once the server has answered.
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
      await expect.poll(() => box.isEnabled()).toBe(true);
    }
    await mentor.getByLabel("Module reflection").fill("I now know where each form goes and who signs it.");
    await mentor.getByRole("button", { name: "Save reflection" }).click();
    await mentor.getByRole("status").filter({ hasText: "Reflection saved." }).waitFor();
    await mentor.getByRole("button", { name: "Submit module work" }).click();
    await mentor.getByRole("status").filter({ hasText: "Module work submitted" }).waitFor();
    await mentor.getByText("Status: Submitted", { exact: false }).waitFor();
    await checked(mentor, "module 1 submitted");

    const { token: tutorToken } = await launchAs(tool, { userId: devUsers.tutor });
    const tutor = await browser.newPage();
    await openApp(tutor, tool.url, tutorToken);
    await checked(tutor, "tutor home");
    await tutor.getByRole("link", { name: "Marking" }).first().click();
    await tutor.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await checked(tutor, "marking list");
    await tutor.getByRole("link", { name: "Alex Morgan" }).click();
    await tutor.getByRole("heading", { level: 2, name: "Your decision" }).waitFor();
    await checked(tutor, "mark module work");
    await tutor.getByRole("radio", { name: "Pass" }).check();
    await tutor.getByLabel("Feedback to the mentor").fill("A clear and complete account of the processes.");
    await tutor.getByRole("button", { name: "Save mark" }).click();
    await tutor.getByRole("status").filter({ hasText: "Mark saved" }).waitFor();
    await checked(tutor, "marked");

    const grade = await GradeRecord.findOne({ mentorUserId: devUsers.mentor, "lineItem.resourceId": "module:M1" }).lean();
    expect(grade).toMatchObject({ scoreGiven: 1, lineItem: { scoreMaximum: 1 } });

    await mentor.reload();
    await mentor.getByText("Pass", { exact: true }).first().waitFor();
    await checked(mentor, "module 1 passed");

    await mentor.getByRole("link", { name: "Training hours" }).first().click();
    await mentor.getByRole("heading", { level: 1, name: "Training hours" }).waitFor();
    await mentor.getByLabel("Date", { exact: true }).fill("2025-10-14");
    await mentor.getByLabel("Activity", { exact: true }).fill("Mentor training day 1");
    await mentor.getByRole("spinbutton", { name: "Hours" }).fill("6");
    await mentor.getByRole("button", { name: "Add hours" }).click();
    await mentor.getByRole("status").filter({ hasText: "Hours added." }).waitFor();
    await checked(mentor, "training hours");

    const { token: leadToken } = await launchAs(tool, { userId: devUsers.lead });
    const lead = await browser.newPage();
    await openApp(lead, tool.url, leadToken);
    await lead.getByRole("link", { name: "Funding claims" }).first().click();
    await lead.getByLabel("Academic year").selectOption("2025/26");
    await lead.getByRole("rowheader", { name: "Oakfield Primary" }).waitFor();
    await checked(lead, "funding claims");
    await Promise.all([mentor.close(), tutor.close(), lead.close()]);
  });
});
