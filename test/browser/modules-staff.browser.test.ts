import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { expectNoSeriousA11yViolations, launchBrowser, openApp, viewports } from "../support/browser";
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

/** At 320px nothing may make the whole page scroll sideways (WCAG 1.4.10 reflow); tables scroll inside their own region. */
async function reflows(page: Page, label: string) {
  await checked(page, `${label}, narrow`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label} scrolls sideways at 320px`).toBeLessThanOrEqual(viewports.narrow.width);
}

const module1 = defaultProgramme().modules[0];
const today = () => new Date().toISOString().slice(0, 10);

describe("a mentor's pathway and hours at 320px", () => {
  it("reflow without horizontal scrolling or serious accessibility violations", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.mentor });
    await completeEntryAudit(tool, token);
    const page = await browser.newPage({ viewport: viewports.narrow });
    await openApp(page, tool.url, token);
    await reflows(page, "mentor home");

    await page.goto(`${tool.url}/app/#/modules`);
    await page.getByRole("heading", { level: 1, name: "Your modules" }).waitFor();
    await page.getByRole("link", { name: `Module 1: ${module1.title}` }).waitFor();
    await reflows(page, "pathway");

    await page.getByRole("link", { name: `Module 1: ${module1.title}` }).click();
    await page.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();
    await reflows(page, "module 1");

    await page.goto(`${tool.url}/app/#/hours`);
    await page.getByRole("heading", { level: 1, name: "Training hours" }).waitFor();
    await page.getByLabel("Date", { exact: true }).fill(today());
    await page.getByLabel("Activity", { exact: true }).fill("Mentor training day 1 with a long name that has to wrap");
    await page.getByRole("spinbutton", { name: "Hours" }).fill("3");
    await page.getByRole("button", { name: "Add hours" }).click();
    await page.getByRole("status").filter({ hasText: "Hours added." }).waitFor();
    await reflows(page, "training hours");
    await page.close();
  });
});

describe("staff look after their course's mentors", () => {
  it("a tutor opens a mentor's pathway, audit and hours, and logs hours for them", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.tutor });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.getByRole("link", { name: "Mentors" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Mentors" }).waitFor();
    await page.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await checked(page, "mentors list");

    await page.getByRole("link", { name: "Alex Morgan" }).click();
    await page.getByRole("heading", { level: 1, name: "Alex Morgan: modules" }).waitFor();
    await checked(page, "mentor's pathway");
    await page.getByRole("link", { name: `Module 1: ${module1.title}` }).click();
    await page.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();
    // Staff read the work; only the mentor can tick it off.
    expect(await page.getByRole("checkbox").first().isDisabled()).toBe(true);
    await checked(page, "mentor's module");

    await page.getByRole("link", { name: "Back to the mentor's modules" }).click();
    const mentorNav = page.getByRole("navigation", { name: "Alex Morgan's pages" });
    await mentorNav.getByRole("link", { name: "Mentor audit" }).click();
    await page.getByRole("heading", { level: 1, name: "Alex Morgan: mentor audit" }).waitFor();
    await page.getByRole("figure").waitFor();
    expect(await page.getByRole("button", { name: /Complete the/ }).count()).toBe(0);
    await checked(page, "mentor's audit");

    await mentorNav.getByRole("link", { name: "Training hours" }).click();
    await page.getByRole("heading", { level: 1, name: "Alex Morgan: training hours" }).waitFor();
    await page.getByLabel("Date", { exact: true }).fill(today());
    await page.getByLabel("Activity", { exact: true }).fill("Observed coaching conversation");
    await page.getByRole("spinbutton", { name: "Hours" }).fill("1.5");
    await page.getByLabel("Kind of training").selectOption("refresher");
    await page.getByRole("button", { name: "Add hours" }).click();
    await page.getByRole("status").filter({ hasText: "Hours added." }).waitFor();
    await page.getByRole("cell", { name: "Dr Jo Reid" }).waitFor();
    await checked(page, "mentor's hours");
    expect(await TrainingHoursEntry.findOne({ mentorUserId: devUsers.mentor, activity: "Observed coaching conversation" }).lean()).toMatchObject({ loggedBy: devUsers.tutor, hours: 1.5 });

    await page.setViewportSize(viewports.narrow);
    await reflows(page, "mentor's hours");
    await page.goto(`${tool.url}/app/#/mentors`);
    await page.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await reflows(page, "mentors list");
    await page.close();
  });

  it("a tutor sets a school's rate band on the funding screen", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.tutor });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.getByRole("link", { name: "Funding claims" }).first().click();
    await page.getByRole("heading", { level: 2, name: "School rate bands" }).waitFor();
    await checked(page, "rate bands");
    await page.getByLabel("School", { exact: true }).selectOption("Oakfield Primary");
    await page.getByLabel("Rate band", { exact: true }).selectOption("inner-london");
    await page.getByRole("button", { name: "Save rate band" }).click();
    await page.getByRole("status").filter({ hasText: "Oakfield Primary now claims at Inner London" }).waitFor();
    const row = page.getByRole("row", { name: /Oakfield Primary/ });
    await expect.poll(() => row.textContent()).toMatch(/Inner London/);
    // Exporting claims stays with programme leads.
    expect(await page.getByRole("heading", { name: "Claims by school" }).count()).toBe(0);
    await checked(page, "rate band saved");
    await page.close();
  });
});

describe("a deep-linked placement opens its page first", () => {
  const open = async (userId: string, target: string) => {
    const { token } = await launchAs(tool, { userId, custom: { target } });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    return page;
  };

  it("takes a mentor to the module, staff to marking, and anyone else home", async () => {
    const mentor = await open(devUsers.mentor, "module:M1");
    await mentor.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();
    expect(new URL(mentor.url()).hash).toBe("#/modules/M1");
    await mentor.close();

    const tutor = await open(devUsers.tutor, "module:M1");
    await tutor.getByRole("heading", { level: 1, name: "Marking" }).waitFor();
    await tutor.close();

    // A page the person may not open, and a target we do not know, both leave them at home.
    for (const target of ["dashboard", "nonsense:42"]) {
      const page = await open(devUsers.mentor, target);
      await page.getByRole("link", { name: "Your modules" }).waitFor();
      expect(["", "#", "#/"]).toContain(new URL(page.url()).hash);
      await page.close();
    }
  });
});
