import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { startTestTool } from "../support/server";
import { bearer, devUsers, launchAs } from "../support/launch";
import { Registration } from "../../server/src/models/registration";

const moodle = {
  name: "University of Example Moodle",
  lms: "moodle",
  issuer: "https://moodle.example.ac.uk",
  clientId: "moodle-client-1",
  authLoginUrl: "https://moodle.example.ac.uk/mod/lti/auth.php",
  accessTokenUrl: "https://moodle.example.ac.uk/mod/lti/token.php",
  jwksUrl: "https://moodle.example.ac.uk/mod/lti/certs.php",
  deploymentIds: ["3", "7"],
};

describe("platform registration", () => {
  describe("from lti-config/platforms files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-platforms-"));
    let tool: RunningTool;
    beforeAll(async () => {
      fs.writeFileSync(path.join(dir, "moodle.json"), JSON.stringify(moodle));
      fs.writeFileSync(path.join(dir, "canvas.json.example"), "{ not even json");
      tool = await startTestTool({ LTI_CONFIG_DIR: dir });
    });
    afterAll(() => tool?.close());

    it("registers each file's platform with its deployments, skipping templates", async () => {
      const reg = await Registration.findOne({ issuer: moodle.issuer, clientId: moodle.clientId }).lean();
      expect(reg).toMatchObject({ name: moodle.name, lms: "moodle", source: "file", deploymentIds: ["3", "7"] });
      // ltijs generated a tool key for the platform; it is published for the platform to verify us.
      const keys = (await request(tool.url).get("/lti/keys")).body.keys;
      expect(keys.length).toBeGreaterThanOrEqual(2);
    });

    it("stops start-up with the file and the field named when a file is invalid", async () => {
      const bad = fs.mkdtempSync(path.join(os.tmpdir(), "mp-platforms-bad-"));
      fs.writeFileSync(
        path.join(bad, "broken.json"),
        JSON.stringify({ ...moodle, jwksUrl: "not a url", deploymentIds: [] }),
      );
      const err = await startTestTool({ LTI_CONFIG_DIR: bad }).catch((e) => e);
      expect(err.name).toBe("PlatformFileError");
      expect(err.message).toContain("broken.json");
      expect(err.message).toContain("jwksUrl must be the platform's public keyset (JWKS) URL");
      expect(err.message).toContain("deploymentIds must list at least one deployment id");
      fs.writeFileSync(path.join(bad, "broken.json"), "{ nope");
      expect((await startTestTool({ LTI_CONFIG_DIR: bad }).catch((e) => e)).message).toMatch(
        /broken\.json is not valid JSON/,
      );
    });
  });

  describe("by LTI Dynamic Registration", () => {
    let tool: RunningTool;
    beforeAll(async () => {
      tool = await startTestTool();
    });
    afterAll(() => tool?.close());

    it("registers with the platform, records the deployment it gives, and accepts launches from it", async () => {
      const platform = tool.devPlatform!;
      const start = await fetch(`${platform.issuer}/start-registration`, { redirect: "manual" });
      expect(start.status).toBe(302);
      const registrationPage = start.headers.get("location")!;
      expect(registrationPage.startsWith(`${tool.url}/lti/register?`)).toBe(true);
      const res = await fetch(registrationPage);
      const html = await res.text();
      expect(res.status, html).toBe(200);
      expect(html).toContain("org.imsglobal.lti.close");

      const [registered] = platform.registrations.list();
      expect(registered.toolConfiguration).toMatchObject({ target_link_uri: `${tool.url}/lti/launch` });
      const reg = await Registration.findOne({ clientId: registered.clientId }).lean();
      expect(reg).toMatchObject({
        issuer: platform.issuer,
        source: "dynamic",
        lms: "development",
        deploymentIds: [registered.deploymentId],
      });

      const { token } = await launchAs(tool, { userId: devUsers.mentor, clientId: registered.clientId });
      expect((await request(tool.url).get("/api/session").set(bearer(token))).body.primaryRole).toBe("mentor");
    });

    it("refuses a registration attempt without a usable openid_configuration", async () => {
      const missing = await fetch(`${tool.url}/lti/register`);
      expect(missing.status).toBe(400);
      const unreachable = await fetch(
        `${tool.url}/lti/register?openid_configuration=${encodeURIComponent("http://127.0.0.1:9/nothing")}&registration_token=t`,
      );
      expect(unreachable.status).toBe(502);
      expect(await unreachable.text()).toContain("could not register");
    });
  });
});
