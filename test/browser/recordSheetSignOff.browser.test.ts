import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { assignProgramme } from "../../server/src/commands/assignProgramme";
import { storeProgrammeVersion } from "../../server/src/commands/storeProgrammeVersion";
import { openApp, pressByKeyboard, runAxe } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { ROLE } from "@mentor-pathways/dev-platform";
import { bearer, devUsers } from "../support/launch";
import { launch, passModules } from "../portfolio/support";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

/** The page has loaded and axe finds nothing at all on it, not only nothing serious. */
async function axeClean(page: Page, label: string) {
  await checkLoadedPage(page, label);
  expect(await runAxe(page), label).toEqual([]);
}

/** Focuses a control, checks it holds focus, then presses the key. */
describe("record-sheet sign-off in the browser (#15 item 5)", () => {
  it("the mentor's sheet names a missing field; the link tutor signs it off by keyboard; both pages axe clean", async () => {
    const mentor = await launch(tool, devUsers.mentor);
    const tutor = await launch(tool, devUsers.tutor);
    const lead = await launch(tool, devUsers.lead);
    const base = defaultProgramme();
    const programme = {
      ...base,
      version: 60,
      qualifications: base.qualifications.map((q) =>
        q.code === "ENTRY"
          ? {
              ...q,
              certification: {
                method: "recordSheet" as const,
                fields: [
                  { code: "school", label: "Placement school", kind: "text" as const, hint: "", required: true },
                  {
                    code: "lastDay",
                    label: "Last day of the placement",
                    kind: "date" as const,
                    hint: "",
                    required: true,
                  },
                ],
                signedOffBy: ["linkTutor" as const],
              },
            }
          : q,
      ),
    };
    await assignProgramme({
      tenantId: mentor.tenantId,
      contextId: mentor.courseId,
      programme: await storeProgrammeVersion({ tenantId: mentor.tenantId, definition: programme, loadedBy: null }),
      assignedBy: lead.userId,
    });
    await request(tool.url)
      .put(`/api/support/mentors/${mentor.userId}`)
      .set(bearer(lead.token))
      .send({ linkTutorUserId: tutor.userId })
      .expect(200);
    await passModules(mentor, ["M1", "M2"]);

    // The mentor: submitting without the last day names that field, by its label.
    const mentorPage = await browser.newPage();
    await openApp(mentorPage, tool.url, mentor.token);
    await pressByKeyboard(mentorPage, mentorPage.getByRole("link", { name: "Record sheets" }).first(), "Enter");
    await mentorPage.getByRole("heading", { level: 1, name: "Record sheets" }).waitFor();
    const school = mentorPage.getByLabel("Placement school");
    await school.focus();
    await mentorPage.keyboard.type("Hillside Primary");
    await pressByKeyboard(mentorPage, mentorPage.getByRole("button", { name: "Submit for sign-off" }), "Enter");
    await mentorPage.locator(".field__error").filter({ hasText: "must be filled in before you submit" }).waitFor();
    expect(await mentorPage.getByLabel("Last day of the placement").getAttribute("aria-invalid")).toBe("true");
    await axeClean(mentorPage, "mentor's record sheet with an error");
    await mentorPage.close();
    // The refused submit saved nothing: the sheet is still as the mentor found it.
    const mine = (await request(tool.url).get("/api/record-sheets").set(bearer(mentor.token)).expect(200)).body.mine[0];
    expect(mine).toMatchObject({ id: null, version: 0, status: "draft" });
    const submitted = await request(tool.url)
      .post("/api/record-sheets/ENTRY/submit")
      .set(bearer(mentor.token))
      .send({ values: { school: "Hillside Primary", lastDay: "2026-12-12" }, expectedVersion: mine.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);

    // The link tutor signs it off from the keyboard.
    const page = await browser.newPage();
    await openApp(page, tool.url, tutor.token);
    await pressByKeyboard(page, page.getByRole("link", { name: "Record sheets" }).first(), "Enter");
    await page.getByRole("heading", { level: 1, name: "Record sheets" }).waitFor();
    const sheet = page.getByRole("article", { name: "Alex Morgan: Entry level certificate" });
    await sheet.getByText("Hillside Primary").waitFor();
    await axeClean(page, "record sheets to sign off");
    const comment = sheet.getByLabel("Comment for Alex Morgan");
    await comment.focus();
    await page.keyboard.type("A strong first placement.");
    await pressByKeyboard(page, sheet.getByRole("button", { name: "Sign off" }), "Enter");
    await page.getByRole("status").filter({ hasText: "You signed off Alex Morgan's record sheet." }).waitFor();
    await page.getByText("No record sheets are waiting for your signature.").waitFor();
    await axeClean(page, "record sheets after sign-off");

    const stored = await request(tool.url).get("/api/record-sheets").set(bearer(lead.token)).expect(200);
    expect(stored.body.toRelease).toEqual([
      expect.objectContaining({
        status: "signed",
        signOff: expect.objectContaining({ userId: tutor.userId, comment: "A strong first placement." }),
      }),
    ]);
    await page.close();
  });

  it("the programme lead names a school's coordinating mentor, the mentor sees them on Who does what, and they sign off by keyboard; all axe clean", async () => {
    const courseId = "course-coordinating-browser";
    const platform = tool.devPlatform!;
    platform.addCourse({ id: courseId, title: "Coordinating", label: "COORD" });
    for (const [id, name] of [
      ["cb-mentor", "Mina Elm"],
      ["cb-coordinator", "Cora Elm"],
    ]) {
      platform.addUser({ id, name, school: "Elm Primary" });
      platform.enrol(courseId, id, [ROLE.learner]);
    }
    platform.enrol(courseId, devUsers.lead, [ROLE.administrator, ROLE.instructor]);
    const mentor = await launch(tool, "cb-mentor", courseId);
    const coordinator = await launch(tool, "cb-coordinator", courseId);
    const lead = await launch(tool, devUsers.lead, courseId);
    const base = defaultProgramme();
    const programme = {
      ...base,
      version: 61,
      qualifications: base.qualifications.map((q) =>
        q.code === "ENTRY"
          ? {
              ...q,
              certification: {
                method: "recordSheet" as const,
                fields: [
                  { code: "school", label: "Placement school", kind: "text" as const, hint: "", required: true },
                ],
                signedOffBy: ["coordinatingMentor" as const],
              },
            }
          : q,
      ),
    };
    await assignProgramme({
      tenantId: mentor.tenantId,
      contextId: courseId,
      programme: await storeProgrammeVersion({ tenantId: mentor.tenantId, definition: programme, loadedBy: null }),
      assignedBy: lead.userId,
    });

    // The programme lead: every mentor of Elm Primary, with Cora as its coordinating mentor.
    const leadPage = await browser.newPage();
    await openApp(leadPage, tool.url, lead.token);
    await pressByKeyboard(leadPage, leadPage.getByRole("link", { name: "Lead mentors" }).first(), "Enter");
    await leadPage
      .getByRole("heading", { level: 1, name: "Lead mentors, link tutors and coordinating mentors" })
      .waitFor();
    await axeClean(leadPage, "support assignments");
    await leadPage.getByLabel("School").selectOption("Elm Primary");
    const coordinatorSelect = leadPage.getByLabel("Coordinating mentor");
    expect(await coordinatorSelect.locator("option").allInnerTexts()).toEqual([
      "Keep as it is",
      "Nobody",
      "Cora Elm",
      "Mina Elm",
    ]);
    await coordinatorSelect.selectOption({ label: "Cora Elm" });
    await pressByKeyboard(leadPage, leadPage.getByRole("button", { name: "Save" }), "Enter");
    await leadPage.getByRole("status").filter({ hasText: "Saved for Elm Primary: 2 mentors there now" }).waitFor();
    const row = leadPage
      .getByRole("table", { name: "Mentors and who supports them" })
      .getByRole("row", { name: /Mina Elm/ });
    await row.getByRole("cell", { name: "Cora Elm" }).waitFor();
    await leadPage
      .getByRole("table", { name: "Assigned by school" })
      .getByRole("rowheader", { name: "Elm Primary" })
      .waitFor();
    await axeClean(leadPage, "support assignments after saving");
    await leadPage.close();

    // The mentor sees who coordinates mentoring at their school.
    const mentorPage = await browser.newPage();
    await openApp(mentorPage, tool.url, mentor.token);
    await pressByKeyboard(mentorPage, mentorPage.getByRole("link", { name: "Who does what" }).first(), "Enter");
    await mentorPage.getByRole("heading", { level: 1, name: "Who does what" }).waitFor();
    await mentorPage.getByRole("definition").filter({ hasText: "Cora Elm" }).waitFor();
    await axeClean(mentorPage, "who does what with a coordinating mentor");
    await mentorPage.close();

    await passModules(mentor, ["M1", "M2"]);
    await request(tool.url)
      .post("/api/record-sheets/ENTRY/submit")
      .set(bearer(mentor.token))
      .send({ values: { school: "Elm Primary" }, expectedVersion: 0 })
      .expect(201);

    // The coordinating mentor signs it off from the keyboard.
    const page = await browser.newPage();
    await openApp(page, tool.url, coordinator.token);
    await pressByKeyboard(page, page.getByRole("link", { name: "Record sheets" }).first(), "Enter");
    await page.getByRole("heading", { level: 1, name: "Record sheets" }).waitFor();
    const sheet = page.getByRole("article", { name: "Mina Elm: Entry level certificate" });
    await sheet.getByText("Elm Primary").waitFor();
    await axeClean(page, "record sheets for the coordinating mentor");
    await pressByKeyboard(page, sheet.getByRole("button", { name: "Sign off" }), "Enter");
    await page.getByRole("status").filter({ hasText: "You signed off Mina Elm's record sheet." }).waitFor();
    await axeClean(page, "record sheets after the coordinating mentor signs off");
    await page.close();
    const stored = await request(tool.url).get("/api/record-sheets").set(bearer(lead.token)).expect(200);
    expect(stored.body.toRelease).toEqual([
      expect.objectContaining({
        signOff: expect.objectContaining({ userId: coordinator.userId, role: "coordinatingMentor" }),
      }),
    ]);
  });
});
