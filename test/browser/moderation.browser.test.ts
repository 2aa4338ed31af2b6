import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp, pressByKeyboard, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import {
  addEvidence,
  confirmOutcome,
  dayFromToday,
  include,
  judgementsOf,
  launch,
  openPortfolio,
  passModules,
  releaseAfterPanel,
} from "../portfolio/support";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

/** Types into a field from the keyboard, after focusing it. */
async function typeInto(page: Page, locator: ReturnType<Page["getByLabel"]>, text: string) {
  await locator.focus();
  await page.keyboard.type(text);
}

describe("the programme lead moderates and releases a round in the browser (issue #14)", () => {
  it("settles a disagreement from the queue with both reviews side by side, releases after the panel meets, and checks the decision record, by keyboard and axe clean", async () => {
    const mentor = await launch(tool, devUsers.mentor);
    const tutor = await launch(tool, devUsers.tutor);
    const tutor2 = await launch(tool, "dev-tutor-2");
    const lead = await launch(tool, devUsers.lead);
    const round = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Spring panel", date: dayFromToday(10), memberUserIds: [tutor.userId, tutor2.userId] })
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
    ).body;
    const standards = ["1", "2", "3", "4"];
    await request(tool.url)
      .post(`/api/panel/versions/${version.id}/review`)
      .set(bearer(tutor.token))
      .send({ outcome: "approved", summary: "Strong throughout.", judgements: judgementsOf(standards) })
      .expect(201);
    await request(tool.url)
      .post(`/api/panel/versions/${version.id}/review`)
      .set(bearer(tutor2.token))
      .send({ outcome: "resubmit", summary: "Thin on standard 4.", judgements: judgementsOf(standards, ["4"]) })
      .expect(201);

    // The queue: both reviews side by side, each with its judgements.
    const page = await browser.newPage();
    await openApp(page, tool.url, lead.token);
    await pressByKeyboard(page, page.getByRole("link", { name: "Moderation" }).first(), "Enter");
    await page.getByRole("heading", { level: 1, name: "Moderation" }).waitFor();
    const item = page.getByRole("region", { name: "Alex Morgan: QMS version 1" });
    await item.getByText("The reviewers disagree").waitFor();
    await item.getByRole("heading", { level: 3, name: "Dr Jo Reid: Approved" }).waitFor();
    await item.getByRole("heading", { level: 3, name: "Dr Sam Okoro: Resubmit" }).waitFor();
    const okoro = item.getByRole("table", { name: "Dr Sam Okoro's judgements" });
    expect(await okoro.getByRole("row").filter({ hasText: "Add dated evidence for standard 4" }).textContent()).toMatch(
      /^4\s*More evidence needed/,
    );
    await checkLoadedPage(page, "moderation queue");
    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "moderation queue, narrow");
    await page.setViewportSize(viewports.desktop);

    // The lead decides, from the keyboard; a resubmission needs suggestions, and says so.
    await pressByKeyboard(page, item.getByRole("radio", { name: "Resubmit with suggestions" }), "Space");
    expect(await item.getByRole("radio", { name: "Resubmit with suggestions" }).isChecked()).toBe(true);
    await typeInto(page, item.getByLabel("Summary for the mentor"), "Please add evidence for standard 4.");
    await pressByKeyboard(page, item.getByRole("button", { name: "Record decision" }), "Enter");
    await item.getByText("are required when asking for a resubmission").first().waitFor();
    await checkLoadedPage(page, "moderation decision refused");
    await typeInto(
      page,
      item.getByRole("textbox", { name: /^Suggestions/ }),
      "Add a dated record of your own development (standard 4).",
    );
    await pressByKeyboard(page, item.getByRole("button", { name: "Record decision" }), "Enter");
    await page.getByRole("status").filter({ hasText: "Alex Morgan's QMS version 1: Resubmit recorded" }).waitFor();
    await page.getByText("Nothing is waiting for your decision.").waitFor();
    await checkLoadedPage(page, "moderation queue emptied");
    // Decided, not released: the mentor still sees it with the panel.
    expect(
      (await request(tool.url).get(`/api/portfolios/${portfolio.id}/versions/1`).set(bearer(mentor.token))).body.status,
    ).toBe("in_review");

    // Release waits for the panel's date, and says why.
    await page.evaluate((hash) => (window.location.hash = hash), `#/panel/rounds/${round.body.id}`);
    await page.getByRole("heading", { level: 1, name: "Spring panel" }).waitFor();
    const release = page.getByRole("button", { name: "Release outcomes" });
    await release.waitFor();
    expect(await release.isDisabled()).toBe(true);
    const reason = await release.evaluate(
      (el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? "",
    );
    expect(reason).toMatch(/The panel meets on .*: outcomes can be released after it meets\./);
    await checkLoadedPage(page, "round before the panel meets");

    // The panel has met (the lead corrects the date to today); release, by keyboard.
    await pressByKeyboard(page, page.getByText("Change this round"), "Enter");
    await page.getByLabel("Date the panel meets").fill(dayFromToday(0));
    await pressByKeyboard(page, page.getByRole("button", { name: "Save changes" }), "Enter");
    await page.getByRole("status").filter({ hasText: "Round saved." }).waitFor();
    await page.getByText("1 confirmed outcome is ready.").waitFor();
    expect(await release.isDisabled()).toBe(false);
    await pressByKeyboard(page, release, "Enter");
    await page.getByRole("status").filter({ hasText: "Released 1 outcome to mentors." }).waitFor();
    await page.getByText(/Outcomes released to mentors on/).waitFor();
    await checkLoadedPage(page, "round released");
    expect(
      (await request(tool.url).get(`/api/portfolios/${portfolio.id}/versions/1`).set(bearer(mentor.token))).body.status,
    ).toBe("resubmit");
    expect((await request(tool.url).get("/api/notices").set(bearer(mentor.token))).body.notices).toEqual([
      expect.objectContaining({ kind: "outcome_released" }),
    ]);

    // The decision record for the mentor, and its check.
    await pressByKeyboard(page, page.getByRole("link", { name: "Decision record" }).first(), "Enter");
    await page.getByRole("heading", { level: 1, name: "Decision record" }).waitFor();
    await page.getByLabel("Mentor").selectOption({ label: "Alex Morgan" });
    const record = page.getByRole("table", { name: "Decision record for Alex Morgan" });
    await record.getByRole("cell", { name: "Lead's moderation" }).waitFor();
    expect(await record.getByRole("cell", { name: "Reviewer's outcome" }).count()).toBe(2);
    await checkLoadedPage(page, "decision record");
    await pressByKeyboard(page, page.getByRole("button", { name: "Check the record" }), "Enter");
    await page
      .getByRole("status")
      .filter({ hasText: /The record is intact: all \d+ entries are in order and unchanged\./ })
      .waitFor();
    await checkLoadedPage(page, "decision record checked");

    // The mentor is told on their home page.
    const mentorPage = await browser.newPage();
    await openApp(mentorPage, tool.url, mentor.token);
    await mentorPage.getByRole("heading", { level: 2, name: "News for you" }).waitFor();
    await mentorPage.getByRole("link", { name: "The panel's suggestions for your QMS portfolio" }).waitFor();
    await checkLoadedPage(mentorPage, "mentor home with a notice");
    await mentorPage.close();
    await page.close();
  });

  it("revokes a certificate with a reason and a confirmation step; the mentor is told", async () => {
    const mentor = await launch(tool, devUsers.mentor2);
    const tutor = await launch(tool, devUsers.tutor);
    const tutor2 = await launch(tool, "dev-tutor-2");
    const lead = await launch(tool, devUsers.lead);
    const round = await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Early panel", date: dayFromToday(3), memberUserIds: [tutor.userId, tutor2.userId] })
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
    ).body;
    expect(version.round).toMatchObject({ id: round.body.id });
    await confirmOutcome(tool, {
      versionId: version.id,
      reviewers: [tutor, tutor2],
      lead,
      outcome: "approved",
      standardCodes: ["1", "2", "3", "4"],
    });
    await releaseAfterPanel(tool, lead, round.body.id);
    const [certificate] = (await request(tool.url).get("/api/certificates").set(bearer(mentor.token)).expect(200)).body
      .certificates;

    const page = await browser.newPage();
    await openApp(page, tool.url, lead.token);
    await pressByKeyboard(page, page.getByRole("link", { name: "Decision record" }).first(), "Enter");
    await page.getByRole("heading", { level: 1, name: "Decision record" }).waitFor();
    await page.getByLabel("Mentor").selectOption({ label: "Sam Patel" });
    const certificates = page.getByRole("region", { name: "Sam Patel's certificates" });
    await certificates.getByText(/: valid\./).waitFor();
    await checkLoadedPage(page, "a mentor's decision record and certificates");
    await pressByKeyboard(page, certificates.getByRole("button", { name: /^Revoke / }), "Enter");
    // A reason first; nothing is revoked until the lead confirms.
    await pressByKeyboard(page, certificates.getByRole("button", { name: "Continue" }), "Enter");
    await certificates.getByText("Say why the certificate is revoked").waitFor();
    await typeInto(page, certificates.getByLabel("Reason for revoking"), "Evidence found to be another mentor's.");
    await pressByKeyboard(page, certificates.getByRole("button", { name: "Continue" }), "Enter");
    const confirm = page.getByRole("alertdialog", { name: /^Revoke / });
    await confirm.getByText("This cannot be undone. Reason: “Evidence found to be another mentor's.”").waitFor();
    expect(
      await confirm
        .getByRole("button", { name: "Yes, revoke the certificate" })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await checkLoadedPage(page, "revocation confirmation");
    expect(
      (await request(tool.url).get("/api/certificates").set(bearer(mentor.token))).body.certificates[0].status,
    ).toBe("valid");
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: "revoked. The verification page and the badge's status list now say so" })
      .waitFor();
    await certificates.getByText(/: revoked .* — Evidence found to be another mentor's\./).waitFor();
    await page
      .getByRole("table", { name: "Decision record for Sam Patel" })
      .getByRole("cell", { name: "Certificate revoked" })
      .waitFor();
    await checkLoadedPage(page, "certificate revoked");

    expect(
      (await request(tool.url).get(`/api/public/verify/${certificate.verificationCode}`).expect(200)).body.status,
    ).toBe("revoked");
    const notices = (await request(tool.url).get("/api/notices").set(bearer(mentor.token))).body.notices;
    expect(notices[0]).toMatchObject({ kind: "certificate_revoked" });
    await page.close();
  });
});
