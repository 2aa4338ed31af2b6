import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { expectNoSeriousA11yViolations, openApp } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers } from "../support/launch";
import { completeEntryAudit, prepareModule } from "../programme/helpers";
import { addEvidence, include, launch, openPortfolio, passModules, type Launched } from "../portfolio/support";

// At home in the LMS frame: the tool tells the LMS its height, and fits a phone.

let tool: RunningTool;
let browser: Browser;
let lms: http.Server;
let lmsUrl: string;

useToolAndBrowser(async (t, b) => {
  tool = t;
  browser = b;
  // A stand-in for the LMS's course page, on its own origin: it frames the tool and, like Canvas
  // and Moodle, sets the frame's height from the tool's lti.frameResize messages (all recorded).
  lms = http.createServer((req, res) => {
    const app = new URL(req.url ?? "/", "http://x").searchParams.get("app") ?? "";
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><head><title>Course page</title></head><body>
<h1>Mentoring course</h1>
<script>
  window.frameHeights = [];
  addEventListener("message", (e) => {
    if (!e.data || e.data.subject !== "lti.frameResize") return;
    window.frameHeights.push(e.data.height);
    document.getElementById("tool").style.height = e.data.height + "px";
  });
</script>
<iframe id="tool" title="Mentor Pathways" src="${app.replace(/"/g, "&quot;")}" style="width: 100%; height: 800px; border: 0"></iframe>
</body></html>`);
  });
  await new Promise<void>((resolve) => lms.listen(0, "127.0.0.1", resolve));
  lmsUrl = `http://127.0.0.1:${(lms.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (lms ? lms.close(() => resolve()) : resolve())));

const phone = { width: 390, height: 844 };

describe("in the LMS frame", () => {
  it("tells the LMS its height on load and whenever the layout changes, so the frame never scrolls inside the page", async () => {
    const mentor = await launch(tool, devUsers.mentor2);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const app = `${tool.url}/app/#session=${encodeURIComponent(mentor.token)}`;
    await page.goto(`${lmsUrl}/course?app=${encodeURIComponent(app)}`);
    const frame = page.frameLocator("#tool");
    await frame.locator("main:not([data-loading]) h1").waitFor();
    const toolFrame = page.frame({ url: /\/app\// })!;
    const rootHeight = () =>
      toolFrame.evaluate(() => Math.ceil(document.getElementById("root")!.getBoundingClientRect().height));
    const lastSent = () =>
      page.evaluate(() => (window as unknown as { frameHeights: number[] }).frameHeights.at(-1) ?? 0);

    // On load: the height the LMS was told is the tool's own, and the frame now fits it.
    await expect.poll(async () => (await lastSent()) === (await rootHeight())).toBe(true);
    const home = await lastSent();
    expect(home).toBeGreaterThan(200);
    expect(await toolFrame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    // axe runs in the framed app's own document (a Frame evaluates like a Page).
    await expectNoSeriousA11yViolations(toolFrame as unknown as Page, "home in the LMS frame");

    // A layout change, by keyboard: the audit is far taller than the home page; the LMS hears the new height.
    await frame.getByRole("link", { name: "Audit" }).first().focus();
    await page.keyboard.press("Enter");
    await frame.getByRole("heading", { level: 1, name: "Mentor audit" }).waitFor();
    await frame.locator("main:not([data-loading]) form").waitFor();
    await expect.poll(async () => (await lastSent()) === (await rootHeight()) && (await lastSent()) > home).toBe(true);
    expect(await toolFrame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    await expectNoSeriousA11yViolations(toolFrame as unknown as Page, "audit in the LMS frame");

    // And back to a shorter page: the frame shrinks too (the app does not stretch to the frame).
    await frame.getByRole("link", { name: "Home" }).first().click();
    await frame
      .getByRole("heading", { level: 1, name: /Welcome|Home|Mentor Pathways/ })
      .first()
      .waitFor();
    await expect
      .poll(async () => (await lastSent()) === (await rootHeight()) && (await lastSent()) < 2 * home)
      .toBe(true);
    await page.close();
  });

  it("sends nothing when it is not in a frame", async () => {
    const mentor = await launch(tool, devUsers.mentor2);
    const page = await browser.newPage();
    await page.addInitScript(() => {
      (window as unknown as { sent: unknown[] }).sent = [];
      const post = window.postMessage.bind(window);
      window.postMessage = ((message: unknown, options?: unknown) => {
        (window as unknown as { sent: unknown[] }).sent.push(message);
        return post(message, options as string);
      }) as typeof window.postMessage;
    });
    await openApp(page, tool.url, mentor.token);
    expect(await page.evaluate(() => document.documentElement.classList.contains("in-frame"))).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { sent: unknown[] }).sent)).toEqual([]);
    await page.close();
  });
});

/** A mentor with a marked module, evidence and a submitted portfolio version, all through the API (modules 1 and 2 count as passed). */
async function mentorWithAVersion(): Promise<{ mentor: Launched; tutor: Launched; versionPath: string }> {
  const api = () => request(tool.url);
  const mentor = await launch(tool, devUsers.mentor);
  const tutor = await launch(tool, devUsers.tutor);
  await completeEntryAudit(tool, mentor.token);
  expect((await api().post("/api/modules/M1/start").set(bearer(mentor.token))).status).toBe(200);
  await prepareModule(tool, mentor.token, "M1");
  expect((await api().post("/api/modules/M1/submit").set(bearer(mentor.token))).status).toBe(201);
  const item = (await api().get("/api/marking").set(bearer(tutor.token))).body.items.find(
    (i: { moduleCode: string }) => i.moduleCode === "M1",
  );
  expect(
    (
      await api().post(`/api/marking/${item.recordId}/mark`).set(bearer(tutor.token)).send({
        attempt: 1,
        outcome: "pass",
        feedback: "A clear account of the paperwork, with every form named and explained.",
      })
    ).status,
  ).toBe(201);
  await passModules(mentor, ["M2"]);
  const portfolio = await openPortfolio(tool, mentor, "ENTRY");
  const longTitle = "Observation of a Year 9 lesson on rearranging formulae, with written feedback and agreed targets";
  await include(
    tool,
    mentor,
    portfolio.id,
    (
      await addEvidence(tool, mentor, {
        title: longTitle,
        links: [
          { url: "https://example.org/a/very/long/address/that/does/not/break/easily/at/all/0123456789", label: "" },
        ],
      })
    ).id,
  );
  const submitted = await api()
    .post(`/api/portfolios/${portfolio.id}/submit`)
    .set(bearer(mentor.token))
    .send({ expectedVersion: portfolio.version });
  expect(submitted.status).toBe(201);
  return { mentor, tutor, versionPath: `/portfolio/${portfolio.id}/versions/1` };
}

/** Opens a page of the app by its path and checks it fits 390 px without sideways scrolling, axe-clean. */
async function fitsAPhone(page: Page, path: string, heading: string | RegExp) {
  await page.goto(`${tool.url}/app/#${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await checkLoadedPage(page, `${path} at 390px`);
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  // What sticks out, named in the failure message.
  const wide =
    width <= phone.width
      ? ""
      : await page.evaluate(
          (w) =>
            [...document.querySelectorAll("body *")]
              .filter((e) => e.getBoundingClientRect().right > w + 1)
              .slice(0, 5)
              .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`)
              .join(", "),
          phone.width,
        );
  expect(width, `${path} scrolls sideways at 390px: ${wide}`).toBeLessThanOrEqual(phone.width);
}

describe("on a phone, 390 px wide", () => {
  it("every page fits without sideways scrolling, tables reflow, and the menu is compact and works by keyboard", async () => {
    const { mentor, tutor, versionPath } = await mentorWithAVersion();
    const lead = await launch(tool, devUsers.lead);

    const page = await browser.newPage({ viewport: phone });
    await openApp(page, tool.url, mentor.token);
    // The header and the folded menu leave most of the screen for content (it was 315 px; the
    // development platform's banner, absent in a real LMS, is not counted).
    const headerHeight = () =>
      page.evaluate(
        () =>
          document.querySelector("main")!.getBoundingClientRect().top -
          (document.querySelector<HTMLElement>(".dev-banner")?.offsetHeight ?? 0),
      );
    expect(await headerHeight()).toBeLessThanOrEqual(130);
    const menu = page.getByRole("button", { name: /^Menu/ });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("link", { name: "Evidence" }).isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press("Enter");
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await checkLoadedPage(page, "menu open at 390px");
    await page.getByRole("link", { name: "Evidence" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Evidence" }).waitFor();
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await menu.textContent()).toContain("Evidence");

    for (const [path, heading] of [
      ["/", /.+/],
      ["/modules", "Your modules"],
      ["/modules/M1", /^Module 1:/],
      ["/audit", "Mentor audit"],
      ["/evidence", "Evidence"],
      ["/hours", "Training hours"],
      ["/portfolio", "Portfolio"],
      [versionPath, /version 1/],
      ["/credentials", /.+/],
    ] as const)
      await fitsAPhone(page, path, heading);

    // A reflowed table: each cell is led by its column's name, nothing is cut off.
    await page.close();
    const staff = await browser.newPage({ viewport: phone });
    await openApp(staff, tool.url, tutor.token);
    for (const [path, heading] of [
      ["/gradebook", /Gradebook/],
      ["/marking", /Marking|marking/],
      ["/mentors", "Mentors"],
      ["/roster", /Roster|roster/],
      ["/programme", /.+/],
      ["/funding-claims", /.+/],
    ] as const)
      await fitsAPhone(staff, path, heading);
    await staff.goto(`${tool.url}/app/#/gradebook`);
    await staff.getByRole("heading", { level: 1, name: /Gradebook/ }).waitFor();
    const cell = staff.locator("main table tbody td[data-label]").first();
    await cell.waitFor();
    expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content)).toContain(":");
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe("block");
    await staff.close();

    const leadPage = await browser.newPage({ viewport: phone });
    await openApp(leadPage, tool.url, lead.token);
    for (const [path, heading] of [
      ["/dashboard", /Dashboard|dashboard/],
      ["/credits", /Credit|credit/],
    ] as const)
      await fitsAPhone(leadPage, path, heading);
    await leadPage.close();
  });
});
