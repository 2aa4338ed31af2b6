import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { expectNoSeriousA11yViolations, openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { confirmOutcome, dayFromToday, launch, passModules, releaseAfterPanel } from "../portfolio/support";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

async function addEvidence(page: Page, title: string, date: string, standard: { group: string; descriptor: RegExp }) {
  await page.getByRole("link", { name: "Evidence" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Evidence" }).waitFor();
  await page.getByRole("button", { name: "Add evidence" }).click();
  await page.getByRole("heading", { level: 1, name: "Add evidence" }).waitFor();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Date of the practice").fill(date);
  await page.getByRole("textbox", { name: "Reflective narrative" }).fill(`What happened: ${title}.`);
  await page.getByText(standard.group).click();
  await page.getByRole("checkbox", { name: standard.descriptor }).check();
  await page.getByRole("button", { name: "Save evidence" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `Saved "${title}".` })
    .waitFor();
}

/**
 * The panel member opens the round, then the mentor's version `number` in it, judges each standard
 * and records an outcome (standard 4 needs more evidence for a resubmission).
 */
async function panelOutcome(
  panel: Page,
  p: { roundId: string; roundName: string; token: string; number: number },
  outcome: "Approved" | "Resubmit with suggestions",
  label: string,
) {
  await panel.getByRole("link", { name: "Panel rounds" }).first().click();
  await panel.getByRole("heading", { level: 1, name: "Panel rounds" }).waitFor();
  await panel.getByRole("link", { name: p.roundName }).click();
  await panel.getByRole("heading", { level: 1, name: p.roundName }).waitFor();
  await checkLoadedPage(panel, `panel round (${label})`);
  // The round lists every version by the mentor's name; pick this one by its id.
  const round = await request(tool.url).get(`/api/panel/rounds/${p.roundId}`).set(bearer(p.token)).expect(200);
  const version = round.body.portfolios.find((v: { number: number }) => v.number === p.number);
  await panel.evaluate((hash) => (window.location.hash = hash), `#/panel/versions/${version.id}`);
  await panel.getByRole("heading", { level: 2, name: "Panel" }).waitFor();
  for (const code of ["1", "2", "3", "4"]) {
    const needsMore = outcome !== "Approved" && code === "4";
    await panel
      .getByRole("group", { name: new RegExp(`^Standard ${code}:`) })
      .getByRole("radio", { name: needsMore ? "More evidence needed" : "Met" })
      .check();
    if (needsMore)
      await panel
        .getByLabel("Suggestion or comment on standard 4")
        .fill("Show your own development as a mentor over the year.");
  }
  await checkLoadedPage(panel, `judging (${label})`);
  await panel.getByRole("button", { name: "Save judgements" }).click();
  await panel.getByRole("status").filter({ hasText: "Judgements saved." }).waitFor();
  await panel.getByRole("radio", { name: outcome }).check();
  await panel
    .getByLabel("Summary for the mentor")
    .fill(outcome === "Approved" ? "Every standard is met." : "A strong start.");
  if (outcome !== "Approved")
    await panel
      .getByRole("textbox", { name: /^Suggestions/ })
      .fill("Say more about your own development (standard 4).");
  await panel.getByRole("button", { name: "Record outcome" }).click();
  // Provisional: a second reviewer (and the lead, where moderation asks) confirms it.
  await panel.getByRole("status").filter({ hasText: "Your outcome is recorded." }).waitFor();
}

describe("issue 4 journey: portfolio → panel → resubmission → approval → certificate → ratified credit", () => {
  it("works end to end in the browser without serious accessibility violations", async () => {
    const mentor = await launch(tool, devUsers.mentor);
    const tutor = await launch(tool, devUsers.tutor);
    const tutor2 = await launch(tool, "dev-tutor-2");
    const lead = await launch(tool, devUsers.lead);
    const standardCodes = ["1", "2", "3", "4"];
    // Module completion is written as passing marks leave it; the marking UI has its own browser test.
    await passModules(mentor, ["M1", "M2", "M3", "M4", "M5", "M6"]);
    const round = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Spring panel", date: dayFromToday(20), memberUserIds: [tutor.userId, tutor2.userId] })
      .expect(201);
    let seat = (number: number) => ({
      roundId: round.body.id as string,
      roundName: "Spring panel",
      token: tutor.token,
      number,
    });
    const versionIn = async (roundId: string) =>
      (
        await request(tool.url).get(`/api/panel/rounds/${roundId}`).set(bearer(lead.token)).expect(200)
      ).body.portfolios.at(-1).id as string;

    // The mentor builds a Mastery portfolio with dated evidence across the year and submits it.
    const page = await browser.newPage({ acceptDownloads: true });
    await openApp(page, tool.url, mentor.token);
    await addEvidence(page, "First weekly meeting", "2025-10-01", {
      group: "Standard 1: Personal qualities",
      descriptor: /^1\.1:/,
    });
    await addEvidence(page, "End-of-year review", "2026-09-01", {
      group: "Standard 2: Teaching",
      descriptor: /^2\.1:/,
    });
    await page.getByRole("link", { name: "Portfolio" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Portfolio" }).waitFor();
    await page.getByRole("button", { name: /Start this portfolio.*Mastery level certificate/ }).click();
    await page.getByRole("heading", { level: 1, name: "Mastery level certificate portfolio" }).waitFor();
    for (const title of [/First weekly meeting/, /End-of-year review/]) {
      const box = page.getByRole("checkbox", { name: title });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await checkLoadedPage(page, "mastery portfolio");
    await page.getByRole("button", { name: "Submit version 1" }).click();
    await page.getByRole("heading", { level: 1, name: /Mastery level certificate, version 1/ }).waitFor();

    // The panel asks for a resubmission; the mentor resubmits; the panel approves.
    const panel = await browser.newPage();
    await openApp(panel, tool.url, tutor.token);
    await panelOutcome(panel, seat(1), "Resubmit with suggestions", "version 1");
    // The second reviewer agrees (and the lead confirms a first resubmission); the panel meets; the lead releases.
    await confirmOutcome(tool, {
      versionId: await versionIn(round.body.id),
      reviewers: [tutor2],
      lead,
      outcome: "resubmit",
      unmet: ["4"],
      standardCodes,
    });
    await releaseAfterPanel(tool, lead, round.body.id);
    const next = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Summer panel", date: dayFromToday(60), memberUserIds: [tutor.userId, tutor2.userId] })
      .expect(201);
    seat = (number: number) => ({
      roundId: next.body.id as string,
      roundName: "Summer panel",
      token: tutor.token,
      number,
    });
    await page.getByRole("link", { name: "Portfolio" }).first().click();
    await page
      .getByRole("link", { name: /Mastery level certificate/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: "Mastery level certificate portfolio" }).waitFor();
    await checkLoadedPage(page, "portfolio after resubmit request");
    await page.getByRole("button", { name: "Submit version 2" }).click();
    await page.getByRole("heading", { level: 1, name: /Mastery level certificate, version 2/ }).waitFor();
    await panelOutcome(panel, seat(2), "Approved", "version 2");
    await confirmOutcome(tool, {
      versionId: await versionIn(next.body.id),
      reviewers: [tutor2],
      lead,
      outcome: "approved",
      standardCodes,
    });
    await releaseAfterPanel(tool, lead, next.body.id);

    // The mentor is told on their home page.
    await page.getByRole("link", { name: "Home" }).first().click();
    await page.getByRole("heading", { level: 2, name: "News for you" }).waitFor();
    await page.getByRole("link", { name: "Your MASTERY portfolio is approved" }).waitFor();
    await checkLoadedPage(page, "mentor home with notices");

    // The mentor sees the certificate and the provisional credit.
    await page.getByRole("link", { name: "Certificates" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Certificates and credit" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Mastery level certificate" }).waitFor();
    await page.getByText(/30 credits at FHEQ level 7 \(MENT7030\): awarded, waiting for ratification/).waitFor();
    await checkLoadedPage(page, "mentor certificates");
    // The badge is offered only signed: as a VC-JWT and baked into its picture, never as bare JSON (#14 item 8).
    await page.getByRole("button", { name: "Signed Open Badge (.jwt): Mastery level certificate" }).waitFor();
    await page
      .getByRole("button", { name: "Badge picture with the signed badge inside (.svg): Mastery level certificate" })
      .waitFor();
    expect(await page.getByRole("button", { name: /JSON/ }).count()).toBe(0);
    await page.getByText(/names you by your name and by your email address, hashed/).waitFor();
    const code = /MP-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec((await page.getByRole("main").textContent()) ?? "")![0];

    // The lead reads the dashboard, ratifies the 30 credits and downloads the transcript.
    const leadPage = await browser.newPage({ acceptDownloads: true });
    await openApp(leadPage, tool.url, lead.token);
    await checkLoadedPage(leadPage, "lead home");
    await leadPage.getByRole("link", { name: "Dashboard" }).first().click();
    await leadPage.getByRole("heading", { level: 1, name: "Cohort dashboard" }).waitFor();
    await leadPage.getByText("Provisional credit awards").waitFor();
    await checkLoadedPage(leadPage, "cohort dashboard");
    await leadPage.getByRole("link", { name: "Credits" }).first().click();
    await leadPage.getByRole("heading", { level: 1, name: "Credits" }).waitFor();
    await checkLoadedPage(leadPage, "credits");
    const today = new Date().toISOString().slice(0, 10);
    await leadPage.getByRole("button", { name: "Ratify 30 credits for Alex Morgan" }).click();
    const ratification = leadPage.getByRole("form", { name: "Ratify the credit for Alex Morgan" });
    await ratification.getByLabel("Exam board date").fill(today);
    await ratification.getByLabel("Exam board reference").fill("EB/2026/14");
    await checkLoadedPage(leadPage, "ratification form");
    await ratification.getByRole("button", { name: "Record the ratification" }).click();
    await leadPage.getByRole("cell", { name: "Ratified" }).waitFor();
    const [download] = await Promise.all([
      leadPage.waitForEvent("download"),
      leadPage.getByRole("button", { name: "Download transcript CSV" }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv).toContain(
      `STU-100001,alex.morgan@oakfield.example,Alex,Morgan,Alex Morgan,${devUsers.mentor},MENTOR-DEV,1,MENT7030,MASTERY,30,7,${today},ratified,${today},EB/2026/14,`,
    );

    // Anyone can verify the certificate publicly.
    // The page's strict CSP forbids inline scripts; bypass it only so axe can be injected.
    const verify = await (await browser.newContext({ bypassCSP: true })).newPage();
    await verify.goto(`${tool.url}/verify/${code}`);
    await verify.getByRole("heading", { level: 1, name: "Certificate verification" }).waitFor();
    await verify.getByText(/^Valid/).waitFor();
    await expectNoSeriousA11yViolations(verify, "public verification");
  });
});
