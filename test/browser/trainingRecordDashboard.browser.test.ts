import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { openApp, viewports } from "../support/browser";
import { checkLoadedPage, useToolAndBrowser } from "../support/browserFixture";
import { bearer, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";

let tool: RunningTool;
let browser: Browser;
useToolAndBrowser((t, b) => {
  tool = t;
  browser = b;
});

// A second partnership's tool, with its own key, issues the record Alex brings to this one.
let otherTool: RunningTool;
let record: string;
beforeAll(async () => {
  otherTool = await startTestTool({ LTI_KEY: "browser-second-partnership-key-0123456789abcdef" });
  const { token } = await launchAs(otherTool, { userId: devUsers.mentor });
  await request(otherTool.url)
    .post("/api/hours")
    .set(bearer(token))
    .send({ date: "2025-10-01", activity: "Initial day at the other partnership", hours: 6, kind: "initial" })
    .expect(201);
  const res = await request(otherTool.url)
    .get("/api/training-record")
    .set(bearer(token))
    .buffer(true)
    .parse((r, cb) => {
      let text = "";
      r.on("data", (c: Buffer) => (text += c.toString("utf8")));
      r.on("end", () => cb(null, text));
    })
    .expect(200);
  record = res.body as string;
}, 120_000);
afterAll(async () => otherTool?.close());

const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));

describe("the training record on the Hours page, by keyboard and for assistive technology", () => {
  it("downloads the mentor's record, refuses a changed one with a sentence, and recognises a genuine one chosen as a file", async () => {
    const { token } = await launchAs(tool, { userId: devUsers.mentor });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.goto(`${tool.url}/app/#/hours`);
    const section = page.getByRole("region", { name: "Training record" });
    await section.getByRole("button", { name: "Recognise training" }).waitFor();
    await checkLoadedPage(page, "hours with the training record");

    // Download, by keyboard.
    await section.getByRole("button", { name: "Download training record" }).focus();
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toMatch(/^training-record-.*\.jwt$/);
    const mine = (await readFile((await download.path())!, "utf8")).trim();
    expect(payloadOf(mine).issuer.id).toBe(`${tool.url}/api/public/issuer`);
    expect(JSON.stringify(payloadOf(mine).credentialSubject)).toContain("Alex Morgan");

    // A record whose hours were changed after signing is refused, the field named and marked.
    const [h, p, s] = record.split(".");
    const changed = Buffer.from(p, "base64url").toString("utf8").replace('"value":"6"', '"value":"16"');
    expect(changed).not.toBe(Buffer.from(p, "base64url").toString("utf8"));
    const textarea = section.getByLabel("Training record", { exact: true });
    await textarea.fill([h, Buffer.from(changed).toString("base64url"), s].join("."));
    await page.keyboard.press("Tab");
    expect(
      await section.getByRole("button", { name: "Recognise training" }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press("Enter");
    await section
      .getByText(/has been changed since it was signed, so it is not recognised/)
      .first()
      .waitFor();
    expect(await textarea.getAttribute("aria-invalid")).toBe("true");
    await checkLoadedPage(page, "training record refused");

    // The genuine record, chosen as a file, is recognised and listed.
    const file = join(tmpdir(), `training-record-${process.pid}.jwt`);
    await writeFile(file, record);
    await section.getByLabel("Training record file").setInputFiles(file);
    await expect.poll(() => textarea.inputValue()).toBe(record);
    await section.getByRole("button", { name: "Recognise training" }).focus();
    await page.keyboard.press("Enter");
    await section.getByRole("listitem").filter({ hasText: "6 hours of initial training in 2025/26" }).waitFor();
    expect(await textarea.getAttribute("aria-invalid")).toBeNull();
    await page
      .getByText(/Recognised from /)
      .first()
      .waitFor();
    await checkLoadedPage(page, "training recognised");

    await page.setViewportSize(viewports.narrow);
    await checkLoadedPage(page, "hours with the training record, narrow");
    await page.close();
  });
});

describe("the dashboard's school filter, by keyboard and for assistive technology", () => {
  it("picks a school from those in the course and links its figures to that school's mentors", async () => {
    await launchAs(tool, { userId: devUsers.mentor2 });
    const { token } = await launchAs(tool, { userId: devUsers.lead });
    const page = await browser.newPage({ viewport: viewports.desktop });
    await openApp(page, tool.url, token);
    await page.goto(`${tool.url}/app/#/dashboard`);
    const filters = page.getByRole("form", { name: "Filter the dashboard" });
    const school = filters.getByLabel(/^School/);
    await school.locator("option", { hasText: "Riverside Academy" }).waitFor({ state: "attached" });
    await checkLoadedPage(page, "dashboard with the school filter");
    expect(await school.locator("option").allInnerTexts()).toEqual([
      "All schools",
      "Oakfield Primary",
      "Riverside Academy",
    ]);

    await school.focus();
    await school.selectOption("Oakfield Primary");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(
      await filters.getByRole("button", { name: "Apply filters" }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press("Enter");
    const bySchool = page.getByRole("table", { name: "By school" });
    await bySchool.getByRole("rowheader", { name: "Oakfield Primary" }).waitFor();
    await bySchool.getByRole("rowheader", { name: "Riverside Academy" }).waitFor({ state: "detached" });
    await checkLoadedPage(page, "dashboard filtered by school");

    // The mentors figure opens the list of that school's mentors.
    await page.getByRole("link", { name: /mentors at Oakfield Primary: see them/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("note").filter({ hasText: "Showing the mentors at Oakfield Primary" }).waitFor();
    const atOakfield = (
      await request(tool.url).get("/api/mentors?school=Oakfield%20Primary").set(bearer(token)).expect(200)
    ).body.mentors.map((m: { name: string }) => m.name);
    expect(atOakfield).toContain("Alex Morgan");
    expect(await page.getByRole("table").getByRole("rowheader").allInnerTexts()).toEqual(atOakfield);
    await checkLoadedPage(page, "mentors at one school");
    await page.close();
  });
});
