import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { devUsers, launchAs, type LaunchOptions } from "../support/launch";
import { completeEntryAudit } from "../programme/helpers";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

const module1 = defaultProgramme().modules[0];
const today = () => new Date().toISOString().slice(0, 10);

/** Launches as `userId` and opens the app in a new page at `viewport`. */
async function openAs(
  userId: string,
  options: { viewport?: { width: number; height: number }; custom?: LaunchOptions["custom"] } = {},
) {
  const { token } = await launchAs(tool, { userId, custom: options.custom });
  const page = await browser.newPage({ viewport: options.viewport ?? viewports.desktop });
  await openApp(page, tool.url, token);
  return { page, token };
}

describe("a mentor completes Module 1 and a tutor marks it, in the browser", () => {
  it("works end to end without serious accessibility violations", async () => {
    const { token: mentorToken } = await launchAs(tool, { userId: devUsers.mentor });
    const mentor = await browser.newPage();
    await openApp(mentor, tool.url, mentorToken);
    await checkLoadedPage(mentor, "mentor home");

    // The audit page, before and after the entry audit the modules wait for.
    await mentor.getByRole("link", { name: "Mentor audit" }).first().click();
    await mentor.getByRole("heading", { level: 1, name: "Mentor audit" }).waitFor();
    await checkLoadedPage(mentor, "mentor audit");
    await completeEntryAudit(tool, mentorToken);

    await mentor.getByRole("link", { name: "Modules" }).first().click();
    await mentor.getByRole("heading", { level: 1, name: "Your modules" }).waitFor();
    await mentor.getByRole("link", { name: `Module 1: ${module1.title}` }).waitFor();
    await checkLoadedPage(mentor, "pathway");

    await mentor.getByRole("link", { name: `Module 1: ${module1.title}` }).click();
    await mentor.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();
    await checkLoadedPage(mentor, "module 1");
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
    await checkLoadedPage(mentor, "module 1 submitted");

    const { token: tutorToken } = await launchAs(tool, { userId: devUsers.tutor });
    const tutor = await browser.newPage();
    await openApp(tutor, tool.url, tutorToken);
    await checkLoadedPage(tutor, "tutor home");
    await tutor.getByRole("link", { name: "Marking" }).first().click();
    await tutor.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await checkLoadedPage(tutor, "marking list");
    await tutor.getByRole("link", { name: "Alex Morgan" }).click();
    await tutor.getByRole("heading", { level: 2, name: "Your decision" }).waitFor();
    await checkLoadedPage(tutor, "mark module work");
    await tutor.getByRole("radio", { name: "Pass" }).check();
    await tutor.getByLabel("Feedback to the mentor").fill("A clear and complete account of the processes.");
    await tutor.getByRole("button", { name: "Save mark" }).click();
    await tutor.getByRole("status").filter({ hasText: "Mark saved" }).waitFor();
    await checkLoadedPage(tutor, "marked");

    const grade = await GradeRecord.findOne({
      mentorUserId: devUsers.mentor,
      "lineItem.resourceId": "module:M1",
      scoreGiven: { $ne: null },
    }).lean();
    expect(grade).toMatchObject({ scoreGiven: 1, lineItem: { scoreMaximum: 1 } });

    await mentor.reload();
    await mentor.getByText("Pass", { exact: true }).first().waitFor();
    await checkLoadedPage(mentor, "module 1 passed");

    await mentor.getByRole("link", { name: "Training hours" }).first().click();
    await mentor.getByRole("heading", { level: 1, name: "Training hours" }).waitFor();
    await mentor.getByLabel("Date", { exact: true }).fill("2025-10-14");
    await mentor.getByLabel("Activity", { exact: true }).fill("Mentor training day 1");
    await mentor.getByRole("spinbutton", { name: "Hours" }).fill("6");
    await mentor.getByRole("button", { name: "Add hours" }).click();
    await mentor.getByRole("status").filter({ hasText: "Hours added." }).waitFor();
    await checkLoadedPage(mentor, "training hours");

    const { token: leadToken } = await launchAs(tool, { userId: devUsers.lead });
    const lead = await browser.newPage();
    await openApp(lead, tool.url, leadToken);
    await lead.getByRole("link", { name: "Funding claims" }).first().click();
    await lead.getByRole("combobox", { name: "Academic year" }).selectOption("2025/26");
    // The rate-band table lists the school too once the mentor's launch is recorded.
    await lead
      .getByRole("table", { name: /^Funding claims for/ })
      .getByRole("rowheader", { name: "Oakfield Primary" })
      .waitFor();
    await checkLoadedPage(lead, "funding claims");
    await Promise.all([mentor.close(), tutor.close(), lead.close()]);
  });
});

/** At 320px nothing may make the whole page scroll sideways (WCAG 1.4.10 reflow); tables scroll inside their own region. */
async function reflows(page: Page, label: string) {
  await checkLoadedPage(page, `${label}, narrow`);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${label} scrolls sideways at 320px`,
  ).toBeLessThanOrEqual(viewports.narrow.width);
}

describe("a mentor's pathway and hours at 320px", () => {
  it("reflow without horizontal scrolling or serious accessibility violations", async () => {
    const { page, token } = await openAs(devUsers.mentor, { viewport: viewports.narrow });
    // Module 1 opens after the entry audit (done already if the end-to-end test ran first; again changes nothing).
    await completeEntryAudit(tool, token);
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
    const { page } = await openAs(devUsers.tutor);
    await page.getByRole("link", { name: "Mentors" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Mentors" }).waitFor();
    await page.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await checkLoadedPage(page, "mentors list");
    // Search by keyboard: the filter goes into the address and the list says what it shows.
    await page.getByRole("searchbox", { name: "Search" }).focus();
    await page.keyboard.type("nobody by this name");
    await page.keyboard.press("Enter");
    await page.getByRole("note").filter({ hasText: "Showing the mentors matching “nobody by this name”" }).waitFor();
    await page.getByText("No mentors match.").waitFor();
    expect(await page.getByRole("link", { name: "Alex Morgan" }).count()).toBe(0);
    await checkLoadedPage(page, "mentors found by search");
    await page.getByRole("searchbox", { name: "Search" }).fill("oakfield morg");
    await page.getByRole("button", { name: "Find mentors" }).press("Enter");
    await page.getByRole("note").filter({ hasText: "matching “oakfield morg”" }).waitFor();
    await page.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await page.getByRole("link", { name: "Show all mentors" }).click();

    await page.getByRole("link", { name: "Alex Morgan" }).click();
    await page.getByRole("heading", { level: 1, name: "Alex Morgan: modules" }).waitFor();
    await checkLoadedPage(page, "mentor's pathway");
    await page.getByRole("link", { name: `Module 1: ${module1.title}` }).click();
    await page.getByRole("heading", { level: 1, name: `Module 1: ${module1.title}` }).waitFor();
    // Staff read the work; only the mentor can tick it off.
    expect(await page.getByRole("checkbox").first().isDisabled()).toBe(true);
    await checkLoadedPage(page, "mentor's module");

    await page.getByRole("link", { name: "Back to the mentor's modules" }).click();
    const mentorNav = page.getByRole("navigation", { name: "Alex Morgan's pages" });
    await mentorNav.getByRole("link", { name: "Mentor audit" }).click();
    await page.getByRole("heading", { level: 1, name: "Alex Morgan: mentor audit" }).waitFor();
    await page.getByRole("figure").waitFor();
    expect(await page.getByRole("button", { name: /Complete the/ }).count()).toBe(0);
    await checkLoadedPage(page, "mentor's audit");

    await mentorNav.getByRole("link", { name: "Training hours" }).click();
    await page.getByRole("heading", { level: 1, name: "Alex Morgan: training hours" }).waitFor();
    await page.getByLabel("Date", { exact: true }).fill(today());
    await page.getByLabel("Activity", { exact: true }).fill("Observed coaching conversation");
    await page.getByRole("spinbutton", { name: "Hours" }).fill("1.5");
    await page.getByLabel("Kind of training").selectOption("refresher");
    await page.getByRole("button", { name: "Add hours" }).click();
    await page.getByRole("status").filter({ hasText: "Hours added." }).waitFor();
    await page.getByRole("cell", { name: "Dr Jo Reid" }).waitFor();
    await checkLoadedPage(page, "mentor's hours");
    expect(
      await TrainingHoursEntry.findOne({
        mentorUserId: devUsers.mentor,
        activity: "Observed coaching conversation",
      }).lean(),
    ).toMatchObject({ loggedBy: devUsers.tutor, hours: 1.5 });

    await page.setViewportSize(viewports.narrow);
    await reflows(page, "mentor's hours");
    await page.goto(`${tool.url}/app/#/mentors`);
    await page.getByRole("link", { name: "Alex Morgan" }).waitFor();
    await reflows(page, "mentors list");
    await page.close();
  });

  it("a tutor sets a school's rate band on the funding screen", async () => {
    const { page } = await openAs(devUsers.tutor);
    await page.getByRole("link", { name: "Funding claims" }).first().click();
    await page.getByRole("heading", { level: 2, name: "School rate bands" }).waitFor();
    await checkLoadedPage(page, "rate bands");
    await page.getByLabel("School", { exact: true }).selectOption("Oakfield Primary");
    await page.getByLabel("Rate band", { exact: true }).selectOption("inner-london");
    await page.getByRole("button", { name: "Save rate band" }).click();
    await page.getByRole("status").filter({ hasText: "Oakfield Primary now claims at Inner London" }).waitFor();
    const row = page.getByRole("row", { name: /Oakfield Primary/ });
    await expect.poll(() => row.textContent()).toMatch(/Inner London/);
    // Exporting claims stays with programme leads.
    expect(await page.getByRole("heading", { name: "Claims by school" }).count()).toBe(0);
    await checkLoadedPage(page, "rate band saved");
    await page.close();
  });
});

describe("a deep-linked placement opens its page first", () => {
  const open = async (userId: string, target: string) => (await openAs(userId, { custom: { target } })).page;

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

describe("a programme lead loads the partnership's own programme", () => {
  it("refuses a file with a bad field, naming it, then puts a new version in force", async () => {
    const { page } = await openAs(devUsers.lead);
    await page.getByRole("link", { name: "Programme" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Programme" }).waitFor();
    await checkLoadedPage(page, "programme");

    const broken = {
      ...defaultProgramme(),
      version: 2,
      modules: defaultProgramme().modules.map((m, i) => (i === 2 ? { ...m, level: "expert" } : m)),
    };
    await page.getByLabel("Programme file").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.getByRole("button", { name: "Load programme" }).click();
    await page.getByRole("alert").filter({ hasText: "modules.2.level" }).waitFor();
    await checkLoadedPage(page, "programme with an error");

    const ours = { ...defaultProgramme(), version: 2, partnership: "Northern Schools Partnership" };
    await page
      .getByLabel("Programme file")
      .setInputFiles({ name: "ours.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(ours)) });
    await page.getByRole("button", { name: "Load programme" }).click();
    await page.getByRole("status").filter({ hasText: "Version 2 is now in force" }).waitFor();
    await page.getByText("Northern Schools Partnership", { exact: false }).first().waitFor();
    await page.close();
  });
});
