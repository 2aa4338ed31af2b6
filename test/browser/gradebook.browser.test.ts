import request from "supertest";
import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers, launchAs } from "../support/launch";
import { completeEntryAudit, prepareModule } from "../programme/helpers";

let tool: RunningTool;
let browser: Browser;
let tutor: string;

const module1 = defaultProgramme().modules[0];

/** A mentor submits Module 1 and the tutor passes it, all through the real API; the mark is queued for the gradebook. */
async function markedModule1(): Promise<void> {
  const api = () => request(tool.url);
  const { token: mentor } = await launchAs(tool, { userId: devUsers.mentor });
  await completeEntryAudit(tool, mentor);
  expect((await api().post("/api/modules/M1/start").set(bearer(mentor))).status).toBe(200);
  await prepareModule(tool, mentor, "M1");
  expect((await api().post("/api/modules/M1/submit").set(bearer(mentor))).status).toBe(201);
  const item = (await api().get("/api/marking").set(bearer(tutor))).body.items.find(
    (i: { moduleCode: string }) => i.moduleCode === "M1",
  );
  const marked = await api()
    .post(`/api/marking/${item.recordId}/mark`)
    .set(bearer(tutor))
    .send({ attempt: 1, outcome: "pass", feedback: "A clear account of the paperwork." });
  expect(marked.status).toBe(201);
}

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  // The test says when marks are delivered: the background poller would race its assertions.
  await t.gradebook.stop();
  tutor = (await launchAs(tool, { userId: devUsers.tutor })).token;
  await markedModule1();
});

describe("gradebook scenes in a browser", () => {
  it("a tutor watches a module mark go from waiting to in the gradebook, and compares with the VLE", async () => {
    // The submission (needing marking) and the mark are both waiting; the mark will replace it.
    expect(await GradeRecord.countDocuments({ mentorUserId: devUsers.mentor, "delivery.status": "pending" })).toBe(2);
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, tutor);
    await page.getByRole("link", { name: "Gradebook delivery" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Gradebook delivery" }).waitFor();
    await page
      .getByRole("row", { name: /Alex Morgan.*Submitted: needs marking/ })
      .getByText("Waiting to send")
      .waitFor();
    const row = page.getByRole("row", { name: /Alex Morgan.*1 \/ 1/ });
    await row.getByText("Waiting to send").waitFor();
    expect(await row.getByRole("cell", { name: `Module 1: ${module1.title}` }).count()).toBe(1);
    await checkLoadedPage(page, "gradebook delivery, pending");

    expect(await tool.gradebook.worker.drain()).toMatchObject({ delivered: 1, failed: 0 });
    // The page looks again by itself while marks wait: nobody reloads it (#17 item 9).
    await row.getByText("In the gradebook").waitFor();
    await page.getByText(/^0 waiting, 1 in the gradebook/).waitFor();
    await page.getByLabel("Show").selectOption("delivered");
    await page
      .getByRole("row", { name: /Alex Morgan/ })
      .getByText("In the gradebook")
      .waitFor();
    await checkLoadedPage(page, "gradebook delivery, delivered");

    await page.getByLabel("Column", { exact: true }).selectOption({ label: `Module 1: ${module1.title}` });
    await page.getByRole("button", { name: "Read from the VLE" }).click();
    const compared = page.getByRole("table", { name: /the tool and the VLE side by side/ });
    await compared
      .getByRole("row", { name: /Alex Morgan/ })
      .getByText("Same")
      .waitFor();
    await checkLoadedPage(page, "gradebook delivery, read back from the VLE");

    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "gradebook delivery, narrow");
    await page.close();
  });

  it("a tutor updates the roster from the VLE and sees a mentor who never opened the tool", async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, tutor);
    await page.getByRole("link", { name: "Roster" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Roster" }).waitFor();
    await page.getByRole("table", { name: "People in this course" }).waitFor();
    await checkLoadedPage(page, "roster before sync");

    await page.getByRole("button", { name: "Update from the VLE" }).click();
    await page.getByText(/Updated from the VLE: \d+ people, \d+ new\./).waitFor();
    const priya = page.getByRole("row", { name: /Priya Shah/ });
    await priya.waitFor();
    await priya.getByText("Not yet").waitFor();
    await checkLoadedPage(page, "roster after sync");

    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "roster, narrow");
    await page.close();
  });

  it("a deep-linking launch shows the picker for what to place in the course", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.tutor, messageType: "LtiDeepLinkingRequest" });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.getByRole("heading", { level: 1, name: "Add Mentor Pathways to your course" }).waitFor();
    const picker = page.getByRole("group", { name: "What to place" });
    await picker.waitFor();
    await checkLoadedPage(page, "place content");

    // Placing nothing says why rather than doing nothing.
    await page.getByRole("button", { name: "Place in the course" }).click();
    await page.getByRole("alert").filter({ hasText: "Choose at least one item to place." }).waitFor();
    await checkLoadedPage(page, "place content, nothing chosen");

    await picker.getByLabel(`Module 1: ${module1.title}`).check();
    await page.getByRole("button", { name: /Place 1 item/ }).waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    await checkLoadedPage(page, "place content, one chosen");

    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "place content, narrow");
    await page.close();
  });
});
