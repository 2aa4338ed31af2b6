import type { Browser } from "playwright-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { addEvidence, dayFromToday, include, launch, openPortfolio, passModules } from "../portfolio/support";

let tool: RunningTool;
let browser: Browser;

useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

const statement =
  "I have mentored eleven student teachers over nine years at two secondary schools, first as a subject mentor and then as lead mentor, observing lessons weekly and moderating marking with the university tutor each term.";

describe("the prior-learning route in the browser", () => {
  it("a mentor applies with a statement on the draft and submits; the panel sees the route, its requirements and the statement", async () => {
    const mentor = await launch(tool, devUsers.mentor);
    const tutor = await launch(tool, devUsers.tutor);
    const lead = await launch(tool, devUsers.lead);
    await passModules(mentor, ["M1", "M2"]);
    await request(tool.url)
      .post("/api/panel/rounds")
      .set(bearer(lead.token))
      .send({ name: "Mastery panel", date: dayFromToday(20), memberUserIds: [tutor.userId] })
      .expect(201);
    const portfolio = await openPortfolio(tool, mentor, "MASTERY");
    const covering = defaultProgramme().standards.map((s) => ({
      standardCode: s.code,
      descriptorCode: null,
      note: "",
    }));
    await include(
      tool,
      mentor,
      portfolio.id,
      (
        await addEvidence(tool, mentor, {
          title: "Observation notes from 2024",
          practiceDate: dayFromToday(-500),
          standards: covering,
        })
      ).id,
    );

    const page = await browser.newPage();
    await openApp(page, tool.url, mentor.token);
    await page.getByRole("link", { name: "Portfolio" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Portfolio" }).waitFor();
    await page
      .getByRole("link", { name: /Mastery level certificate/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: "Mastery level certificate portfolio" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Prior-learning route" }).waitFor();
    await page.getByText("Waives modules M3, M4, M5, M6.").waitFor();
    expect(await page.getByRole("button", { name: /Submit version/ }).count()).toBe(0);

    await page.getByRole("checkbox", { name: "I am applying through the prior-learning route" }).check();
    await page.getByLabel("Statement of experience").fill(statement);
    await checkLoadedPage(page, "prior-learning application");
    await page.getByRole("button", { name: "Save route" }).click();
    await page.getByRole("status").filter({ hasText: "Prior-learning application saved." }).waitFor();
    await page.getByRole("button", { name: "Submit version 1" }).click();
    await page.getByRole("heading", { level: 1, name: /Mastery level certificate, version 1/ }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Prior-learning route" }).waitFor();

    const panel = await browser.newPage();
    await openApp(panel, tool.url, tutor.token);
    await panel.getByRole("link", { name: "Panel rounds" }).first().click();
    await panel.getByRole("link", { name: "Mastery panel" }).click();
    await panel.getByRole("link", { name: "Alex Morgan" }).click();
    const route = panel.getByRole("region", { name: "Prior-learning route" });
    await route.waitFor();
    await route.getByText(statement).waitFor();
    await route.getByText("Evidence dated within 5 years before applying (instead of a full year's span).").waitFor();
    await route.getByText("Earns the certificate, not M-level credit.").waitFor();
    await checkLoadedPage(panel, "panel view of a prior-learning application");
  });
});
