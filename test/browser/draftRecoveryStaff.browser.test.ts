import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { signSessionToken, verifySessionToken } from "../../server/src/lti/sessionToken";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers, launchAs } from "../support/launch";
import { addEvidence, dayFromToday, include, launch, openPortfolio, passModules } from "../portfolio/support";
import { completeEntryAudit, prepareModule } from "../programme/helpers";

// Issue #17 item 2 for staff: a tutor's feedback on module work is kept as it is typed, named on
// "Your session has ended" with where to find it again, offered after a new launch from the LMS,
// restored by keyboard, and forgotten once the mark is saved. Axe clean.

let tool: RunningTool;
let browser: Browser;
let tutor: string;
let recordId: string;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  tutor = (await launchAs(tool, { userId: devUsers.tutor })).token;
  const mentor = (await launchAs(tool, { userId: devUsers.mentor })).token;
  await completeEntryAudit(tool, mentor);
  await prepareModule(tool, mentor, "M1");
  expect((await request(tool.url).post("/api/modules/M1/submit").set(bearer(mentor))).status).toBe(201);
  const items = (await request(tool.url).get("/api/marking").set(bearer(tutor))).body.items as Array<{
    moduleCode: string;
    recordId: string;
  }>;
  recordId = items.find((i) => i.moduleCode === "M1")!.recordId;
});

const feedbackDrafts = async () =>
  ((await request(tool.url).get("/api/drafts").set(bearer(tutor))).body.drafts as Array<{ formKey: string }>).filter(
    (d) => d.formKey === `marking:${recordId}-1`,
  );
const deviceDraftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mp.draft|")));
const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });

/** Launches Dr Jo Reid (the seeded tutor) from the development LMS's course page, in the whole window, and opens the work. */
async function launchAndOpenWork(page: Page) {
  await page.goto(`${tool.url}/dev-platform/`);
  await page
    .getByRole("radio", { name: /in this whole window/ })
    .first()
    .check();
  await page
    .getByRole("button", { name: /^Launch as Dr Jo Reid/ })
    .first()
    .click();
  await page.waitForSelector("main:not([data-loading]) h1");
  await page.goto(`${tool.url}/app/#/marking/${recordId}`);
  await page.getByRole("heading", { level: 2, name: "Your decision" }).waitFor();
}

describe("what tutors and panel reviewers write is kept as a draft", () => {
  it("keeps the feedback through the end of the session, restores it by keyboard after a new launch, and forgets it once the mark is saved", async () => {
    const page = await browser.newPage();
    try {
      await launchAndOpenWork(page);
      const feedback = page.getByLabel("Feedback to the mentor");
      await feedback.focus();
      await page.keyboard.type("A clear account of who signs each form.");
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect(await feedbackDrafts()).toHaveLength(1);
      await checkLoadedPage(page, "marking with a feedback draft saved");

      // The session ends (the page's token is refused from now on) while the tutor is still writing.
      const actor = await verifySessionToken(tutor, tool.deps.config.ltiKey);
      const expired = await signSessionToken(actor, tool.deps.config.ltiKey, new Date(Date.now() - 9 * 3600_000));
      await page.route("**/api/**", (route) =>
        route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${expired}` } }),
      );
      await page.keyboard.type(" Add the dates.");
      await page.getByRole("button", { name: "Save mark" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Your session has ended" }).waitFor();
      const kept = page
        .getByRole("listitem")
        .filter({ hasText: "Your draft of your feedback on Alex Morgan's Module 1" });
      expect((await kept.textContent())?.trim()).toMatch(
        /^Your draft of your feedback on Alex Morgan's Module 1 \(11 words\) is saved\. It is kept on this device \(in this browser\) as at \d\d:\d\d, not yet by Mentor Pathways: open Mentor Pathways again on this device to get it back\. It keeps what you had in Feedback to the mentor\. The outcome or score you chose is not kept: choose it again\. To continue, open Marking and choose Alex Morgan's Module 1: it offers to restore the draft\.$/,
      );
      await checkLoadedPage(page, "session ended with a feedback draft kept");

      // Launched again from the course: the newer copy (this device's) is offered, not put in unasked.
      await page.unroute("**/api/**");
      await launchAndOpenWork(page);
      const offer = page.getByRole("region", { name: "You have an unsaved draft of your feedback" });
      await offer.getByText(/^11 words, kept on this device at /).waitFor();
      expect(await feedback.inputValue()).toBe("");
      await checkLoadedPage(page, "marking offering a feedback draft");
      await offer.getByRole("button", { name: "Restore the draft" }).focus();
      await page.keyboard.press("Enter");
      await offer.waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)).toBe(
        "A clear account of who signs each form. Add the dates.",
      );
      await status(page, /^Draft restored, as kept at \d\d:\d\d\.$/).waitFor();
      await checkLoadedPage(page, "marking with the feedback draft restored");

      // The mark saved: the draft is gone from the server and this device.
      await page.getByRole("radio", { name: "Pass" }).focus();
      await page.keyboard.press("Space");
      await page.getByRole("button", { name: "Save mark" }).focus();
      await page.keyboard.press("Enter");
      await status(page, "Mark saved and queued for the gradebook.").waitFor();
      await expect.poll(feedbackDrafts).toEqual([]);
      expect(await deviceDraftKeys(page)).toEqual([]);
      const work = await request(tool.url).get(`/api/marking/${recordId}`).set(bearer(tutor));
      expect(work.body.latestDecision.feedback).toBe("A clear account of who signs each form. Add the dates.");
    } finally {
      await page.close();
    }
  });

  it("keeps a panel reviewer's summary and per-standard suggestion, offers them when the version opens again, and forgets them once the outcome is recorded", async () => {
    const lead = await launch(tool, devUsers.lead);
    const reviewer = await launch(tool, devUsers.tutor);
    const mentor = await launch(tool, devUsers.mentor2);
    await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Autumn panel", date: dayFromToday(10), memberUserIds: [reviewer.userId] })
      .expect(201);
    await passModules(mentor, ["M1", "M2"]);
    const portfolio = await openPortfolio(tool, mentor, "QMS");
    await include(tool, mentor, portfolio.id, (await addEvidence(tool, mentor)).id);
    const version = (
      await request(tool.url)
        .post(`/api/portfolios/${portfolio.id}/submit`)
        .set(bearer(mentor.token))
        .send({ expectedVersion: portfolio.version })
        .expect(201)
    ).body as { id: string };
    const reviewDrafts = async () =>
      (
        (await request(tool.url).get("/api/drafts").set(bearer(reviewer.token))).body.drafts as Array<{
          formKey: string;
        }>
      ).filter((d) => d.formKey === `panel-review:${version.id}`);

    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, reviewer.token);
      await page.goto(`${tool.url}/app/#/panel/versions/${version.id}`);
      const summary = page.getByLabel("Summary for the mentor");
      await summary.focus();
      await page.keyboard.type("Strong on relationships.");
      await page.getByLabel("Suggestion or comment on standard 4").focus();
      await page.keyboard.type("Add a dated record of the final review.");
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect(await reviewDrafts()).toHaveLength(1);

      await page.reload();
      const offer = page.getByRole("region", { name: "You have an unsaved draft of your review" });
      await offer.getByText(/^11 words, kept by Mentor Pathways at /).waitFor();
      expect(await summary.inputValue()).toBe("");
      await checkLoadedPage(page, "panel version offering a review draft");
      await offer.getByRole("button", { name: "Restore the draft" }).focus();
      await page.keyboard.press("Enter");
      await offer.waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)).toBe(
        "Strong on relationships.",
      );
      expect(await page.getByLabel("Suggestion or comment on standard 4").inputValue()).toBe(
        "Add a dated record of the final review.",
      );

      for (const code of ["1", "2", "3"]) await page.locator(`#j-${code}-met`).check();
      await page.locator("#j-4-more_evidence").check();
      await page.getByRole("radio", { name: "Resubmit with suggestions" }).check();
      await page.getByRole("textbox", { name: "Suggestions (optional)" }).fill("Standard 4 needs one more piece.");
      await page.getByRole("button", { name: "Record outcome" }).click();
      await page.getByText("Your outcome is recorded.").waitFor();
      await expect.poll(reviewDrafts).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
