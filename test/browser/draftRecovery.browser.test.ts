import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { signSessionToken, verifySessionToken } from "../../server/src/lti/sessionToken";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { launch, openPortfolio, type Launched } from "../portfolio/support";
import { completeEntryAudit } from "../programme/helpers";

// Issue #17 item 2: nothing typed is lost. A mentor writes evidence, the session ends before they
// save, the page says exactly what is kept, and after launching again from the LMS the form offers
// the draft to restore (or discard). By keyboard, axe clean.

let tool: RunningTool;
let browser: Browser;
let mentor: Launched;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  mentor = await launch(tool, devUsers.mentor);
});

const focused = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? "").trim());
const serverDrafts = async () =>
  (await request(tool.url).get("/api/drafts").set(bearer(mentor.token))).body.drafts as Array<{
    formKey: string;
    fields: Array<{ name: string; value: string }>;
  }>;
const deviceDraftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mp.draft|")));
const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });

/** Launches Alex Morgan (the seeded mentor) from the development LMS's course page, in the whole window. */
async function launchFromLms(page: Page) {
  await page.goto(`${tool.url}/dev-platform/`);
  await page
    .getByRole("radio", { name: /in this whole window/ })
    .first()
    .check();
  await page.getByRole("button", { name: "Launch as Alex Morgan (Learner)" }).click();
  await page.waitForSelector("main:not([data-loading]) h1");
}

/** Opens the evidence page and its "Add evidence" form by keyboard. */
async function openAddEvidence(page: Page) {
  await page.goto(`${tool.url}/app/#/evidence`);
  const add = page.getByRole("button", { name: "Add evidence" });
  await add.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Add evidence" }).waitFor();
}

describe("draft recovery after the session ends", () => {
  it("keeps what was typed, says what is kept, and restores it after a launch from the LMS", async () => {
    const page = await browser.newPage();
    try {
      await launchFromLms(page);
      await openAddEvidence(page);
      await page.getByLabel("Title").focus();
      await page.keyboard.type("Observation of a reading lesson");
      await page.getByLabel("Date of the practice").fill("2026-10-07");
      await page.getByRole("textbox", { name: "Reflective narrative" }).focus();
      await page.keyboard.type(
        "We met after the lesson. She tried the new phonics routine and the quiet group joined in.",
      );
      // Kept by the server shortly after typing stops.
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect((await serverDrafts()).map((d) => d.formKey)).toEqual(["evidence:new"]);
      await checkLoadedPage(page, "add evidence with a draft saved");

      // The session ends: from now on the page's token is one that expired an hour ago, which the
      // real server refuses as it would after eight hours.
      const actor = await verifySessionToken(mentor.token, tool.deps.config.ltiKey);
      const expired = await signSessionToken(actor, tool.deps.config.ltiKey, new Date(Date.now() - 9 * 3600_000));
      await page.route("**/api/**", (route) =>
        route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${expired}` } }),
      );
      await page.keyboard.type(" Next time: the writing frame.");
      const save = page.getByRole("button", { name: "Save evidence" });
      await save.focus();
      await page.keyboard.press("Enter");

      await page.getByRole("heading", { level: 1, name: "Your session has ended" }).waitFor();
      // 5 words of title and 22 of narrative; the date and ticks are not writing.
      const kept = page.getByRole("listitem").filter({ hasText: "Your draft of ‘Observation of a reading lesson’" });
      expect((await kept.textContent())?.trim()).toMatch(
        /^Your draft of ‘Observation of a reading lesson’ \(27 words\) is saved\. It is kept on this device \(in this browser\) as at \d\d:\d\d, not yet by Mentor Pathways: open Mentor Pathways again on this device to get it back\. It keeps what you had in Title, Date of the practice and Reflective narrative\. To continue, open Evidence and choose Add evidence: it offers to restore the draft\.$/,
      );
      await page.getByText("Open Mentor Pathways again from your course to continue.").waitFor();
      expect(await deviceDraftKeys(page)).toHaveLength(1);
      await checkLoadedPage(page, "session ended with a draft kept");

      // Launch again from the course: the form offers the newer copy (this device's) to restore.
      await page.unroute("**/api/**");
      await launchFromLms(page);
      await openAddEvidence(page);
      const offer = page.getByRole("region", { name: "You have a draft you had not saved" });
      await offer.getByText(/^“Observation of a reading lesson”, 27 words, kept on this device at /).waitFor();
      await checkLoadedPage(page, "add evidence offering a draft");
      // Focus is on the page's heading; the offer is the first thing after it.
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("Restore the draft");
      await page.keyboard.press("Enter");
      await offer.waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(
        "Observation of a reading lesson",
      );
      expect(await page.getByLabel("Date of the practice").inputValue()).toBe("2026-10-07");
      // (Chrome may keep a typed space as a no-break space in editable text.)
      expect(
        (await page.getByRole("textbox", { name: "Reflective narrative" }).textContent())?.replace(/\u00a0/g, " "),
      ).toBe(
        "We met after the lesson. She tried the new phonics routine and the quiet group joined in. Next time: the writing frame.",
      );
      await status(page, /^Draft restored, as kept at \d\d:\d\d\.$/).waitFor();
      await checkLoadedPage(page, "add evidence with the draft restored");

      // Saved for real: the draft is gone from the server and the device.
      await page.getByRole("button", { name: "Save evidence" }).focus();
      await page.keyboard.press("Enter");
      await status(page, 'Saved "Observation of a reading lesson".').waitFor();
      await expect.poll(serverDrafts).toEqual([]);
      expect(await deviceDraftKeys(page)).toEqual([]);
      const evidence = await request(tool.url).get("/api/evidence").set(bearer(mentor.token));
      expect(
        evidence.body.items.map((i: { title: string; narrativeHtml: string }) => [
          i.title,
          i.narrativeHtml.includes("the writing frame"),
        ]),
      ).toEqual([["Observation of a reading lesson", true]]);
    } finally {
      await page.close();
    }
  });

  it("discards a draft kept by the server, by keyboard", async () => {
    const kept = await request(tool.url)
      .put("/api/drafts/evidence:new")
      .set(bearer(mentor.token))
      .send({
        title: "‘Team teaching’",
        fields: [
          { name: "title", label: "Title", value: "Team teaching" },
          { name: "narrativeHtml", label: "Reflective narrative", value: "<p>Two of us, one class.</p>" },
        ],
      });
    expect(kept.status).toBe(200);
    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, mentor.token);
      await openAddEvidence(page);
      const offer = page.getByRole("region", { name: "You have a draft you had not saved" });
      await offer.getByText(/^“Team teaching”, 7 words, kept by Mentor Pathways at /).waitFor();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("Discard the draft");
      await page.keyboard.press("Enter");
      await offer.waitFor({ state: "detached" });
      await status(page, "Draft discarded.").waitFor();
      expect(await page.getByLabel("Title").inputValue()).toBe("");
      await expect.poll(serverDrafts).toEqual([]);
      await checkLoadedPage(page, "add evidence after discarding a draft");
    } finally {
      await page.close();
    }
  });

  it("says the draft is only on this device while the server cannot be reached, and sends it once it can", async () => {
    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, mentor.token);
      await openAddEvidence(page);
      await page.context().setOffline(true);
      await page.getByLabel("Title").focus();
      await page.keyboard.type("Written on the train");
      await status(page, "Saved on this device — not yet on the server. We will try again in a moment.").waitFor();
      expect(await deviceDraftKeys(page)).toHaveLength(1);
      expect(await serverDrafts()).toEqual([]);
      await checkLoadedPage(page, "add evidence, draft on this device only");

      await page.context().setOffline(false);
      await page.keyboard.type(" home");
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect((await serverDrafts()).map((d) => d.fields.find((f) => f.name === "title")?.value)).toEqual([
        "Written on the train home",
      ]);
      expect(await deviceDraftKeys(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("keeps a portfolio's overall narrative too, and offers it when the page opens again", async () => {
    const portfolio = await openPortfolio(tool, mentor, "ENTRY");
    // Only this portfolio's draft: other tests leave drafts of their own forms.
    const narrativeDrafts = async () => (await serverDrafts()).filter((d) => d.formKey === `portfolio:${portfolio.id}`);
    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, mentor.token);
      await page.goto(`${tool.url}/app/#/portfolio/${portfolio.id}`);
      const story = page.getByRole("textbox", { name: "Your story as a mentor" });
      await story.focus();
      await page.keyboard.type("My evidence follows one trainee through a year.");
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect(await narrativeDrafts()).toHaveLength(1);

      // The page opened again (as after a new launch): the kept narrative is offered, not put in unasked.
      await page.reload();
      const offer = page.getByRole("region", { name: "You have a draft you had not saved" });
      await offer.getByText(/^8 words, kept by Mentor Pathways at /).waitFor();
      expect(((await story.textContent()) ?? "").trim()).toBe("");
      await checkLoadedPage(page, "portfolio offering a narrative draft");
      await offer.getByRole("button", { name: "Restore the draft" }).click();
      expect((await story.textContent())?.replace(/\u00a0/g, " ")).toBe(
        "My evidence follows one trainee through a year.",
      );
      await page.getByRole("button", { name: "Save narrative" }).click();
      await status(page, "Narrative saved.").waitFor();
      await expect.poll(narrativeDrafts).toEqual([]);
      // Saved, and shown again from the server: that is no draft to keep.
      await page.waitForTimeout(2500);
      expect(await narrativeDrafts()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("keeps a module reflection, offered again after the page is opened anew, restored by keyboard", async () => {
    await completeEntryAudit(tool, mentor.token);
    const reflectionDrafts = async () => (await serverDrafts()).filter((d) => d.formKey === "module-work:M1");
    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, mentor.token);
      await page.goto(`${tool.url}/app/#/modules/M1`);
      const box = page.getByLabel("Module reflection");
      await box.focus();
      await page.keyboard.type("I learned who signs each form.");
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect(await reflectionDrafts()).toHaveLength(1);

      await page.reload();
      const offer = page.getByRole("region", { name: "You have a draft you had not saved" });
      await offer.getByText(/^6 words, kept by Mentor Pathways at /).waitFor();
      expect(await box.inputValue()).toBe("");
      await checkLoadedPage(page, "module offering a reflection draft");
      await offer.getByRole("button", { name: "Restore the draft" }).focus();
      await page.keyboard.press("Enter");
      await offer.waitFor({ state: "detached" });
      expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)).toBe(
        "I learned who signs each form.",
      );
      await page.getByRole("button", { name: "Save reflection" }).click();
      await status(page, "Reflection saved.").waitFor();
      await expect.poll(reflectionDrafts).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("keeps the statement of experience for the prior-learning route, and restores it with the route ticked", async () => {
    const portfolio = await openPortfolio(tool, mentor, "MASTERY");
    const statementDrafts = async () =>
      (await serverDrafts()).filter((d) => d.formKey === `prior-learning:${portfolio.id}`);
    const page = await browser.newPage();
    try {
      await openApp(page, tool.url, mentor.token);
      await page.goto(`${tool.url}/app/#/portfolio/${portfolio.id}`);
      await page.getByLabel("I am applying through the prior-learning route").check();
      await page.getByLabel("Statement of experience").focus();
      await page.keyboard.type("Twelve trainees over eight years in two primary schools.");
      await status(page, /^Draft saved at \d\d:\d\d\.$/).waitFor();
      expect(await statementDrafts()).toHaveLength(1);

      await page.reload();
      const offer = page.getByRole("region", { name: "You have an unsaved draft of your statement of experience" });
      await offer.getByText(/^9 words, kept by Mentor Pathways at /).waitFor();
      expect(await page.getByLabel("I am applying through the prior-learning route").isChecked()).toBe(false);
      await checkLoadedPage(page, "portfolio offering a statement draft");
      await offer.getByRole("button", { name: "Restore the draft" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        () =>
          (document.activeElement as HTMLTextAreaElement | null)?.value ===
          "Twelve trainees over eight years in two primary schools.",
      );
      expect(await page.getByLabel("I am applying through the prior-learning route").isChecked()).toBe(true);
      await page.getByRole("button", { name: "Save route" }).click();
      await status(page, "Prior-learning application saved.").waitFor();
      await expect.poll(statementDrafts).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
