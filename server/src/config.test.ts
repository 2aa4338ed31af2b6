import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "mp-config-"));

describe("loadConfig", () => {
  it("has sensible defaults outside production and keeps a generated LTI key", () => {
    const cwd = tmp();
    const first = loadConfig({}, { cwd });
    expect(first.port).toBe(3000);
    expect(first.publicUrl).toBe("http://localhost:3000");
    expect(first.dataDir).toBe(path.join(cwd, "data"));
    expect(first.mongodbUri).toBeUndefined();
    expect(first.devPlatformEnabled).toBe(true);
    expect(first.ltiKey).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({}, { cwd }).ltiKey).toBe(first.ltiKey);
  });

  it("derives PUBLIC_URL from PORT and trims a trailing slash", () => {
    expect(loadConfig({ PORT: "8080" }, { cwd: tmp() }).publicUrl).toBe("http://localhost:8080");
    expect(loadConfig({ PUBLIC_URL: "https://mentor.example.ac.uk/" }, { cwd: tmp() }).publicUrl).toBe(
      "https://mentor.example.ac.uk",
    );
  });

  it("names every bad variable in one message", () => {
    try {
      loadConfig({ PORT: "eighty", PUBLIC_URL: "not a url", MONGODB_URI: "postgres://x" }, { cwd: tmp() });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain("PORT must be a number");
      expect(message).toContain("PUBLIC_URL must be an absolute URL");
      expect(message).toContain("MONGODB_URI must start with mongodb://");
    }
  });

  it("requires secrets in production and never defaults them", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, { cwd: tmp() })).toThrow(
      /LTI_KEY is required in production[\s\S]*PUBLIC_URL is required/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: "production", LTI_KEY: "short", PUBLIC_URL: "https://x.example" }, { cwd: tmp() }),
    ).toThrow(/LTI_KEY must be at least 32 characters/);
    const prod = loadConfig(
      { NODE_ENV: "production", LTI_KEY: "k".repeat(40), PUBLIC_URL: "https://x.example" },
      { cwd: tmp() },
    );
    expect(prod.devPlatformEnabled).toBe(false);
    expect(() =>
      loadConfig(
        { NODE_ENV: "production", LTI_KEY: "k".repeat(40), PUBLIC_URL: "https://x.example", DEV_PLATFORM: "true" },
        { cwd: tmp() },
      ),
    ).toThrow(/DEV_PLATFORM cannot be enabled in production/);
  });

  it("turns the development platform on only for development on loopback, or when asked for", () => {
    const devOn = (env: Record<string, string>) => loadConfig(env, { cwd: tmp() }).devPlatformEnabled;
    // `npm start`: development mode, PUBLIC_URL on this machine.
    expect(devOn({})).toBe(true);
    expect(devOn({ PUBLIC_URL: "http://127.0.0.1:3000" })).toBe(true);
    expect(devOn({ PUBLIC_URL: "http://[::1]:3000" })).toBe(true);
    // Reachable from elsewhere, or not `npm start`: off unless asked for.
    expect(devOn({ PUBLIC_URL: "https://mentor.example.ac.uk" })).toBe(false);
    expect(devOn({ PUBLIC_URL: "http://192.168.1.20:3000" })).toBe(false);
    expect(devOn({ PUBLIC_URL: "http://127.example.com:3000" })).toBe(false);
    expect(devOn({ NODE_ENV: "test" })).toBe(false);
    expect(devOn({ PUBLIC_URL: "https://mentor.example.ac.uk", DEV_PLATFORM: "on" })).toBe(true);
    expect(devOn({ NODE_ENV: "test", DEV_PLATFORM: "on" })).toBe(true);
    expect(devOn({ DEV_PLATFORM: "off" })).toBe(false);
    expect(() => devOn({ DEV_PLATFORM: "maybe" })).toThrow(/DEV_PLATFORM must be on or off/);
  });

  it("reads DYNAMIC_REGISTRATION_ALLOW_HOSTS as host names, addresses and ranges, refusing anything else", () => {
    const read = (v: string) =>
      loadConfig({ DYNAMIC_REGISTRATION_ALLOW_HOSTS: v }, { cwd: tmp() }).dynamicRegistrationAllowHosts;
    expect(loadConfig({}, { cwd: tmp() }).dynamicRegistrationAllowHosts).toEqual([]);
    expect(read(" Moodle.Internal , 10.20.0.0/16,fd00::1 ")).toEqual(["moodle.internal", "10.20.0.0/16", "fd00::1"]);
    expect(() => read("https://moodle.internal/")).toThrow(
      /DYNAMIC_REGISTRATION_ALLOW_HOSTS must be a comma-separated list/,
    );
    expect(() => read("10.0.0.0/33")).toThrow(/DYNAMIC_REGISTRATION_ALLOW_HOSTS/);
  });

  it("parses answers with their contracts unless CHECK_ANSWERS is off", () => {
    expect(loadConfig({}, { cwd: tmp() }).checkAnswers).toBe(true);
    expect(loadConfig({ CHECK_ANSWERS: "off" }, { cwd: tmp() }).checkAnswers).toBe(false);
    expect(() => loadConfig({ CHECK_ANSWERS: "sometimes" }, { cwd: tmp() })).toThrow(/CHECK_ANSWERS must be on or off/);
  });

  it("e-mails notices only with SMTP_URL, an smtp:// or smtps:// URL, from SMTP_FROM or a no-reply address", () => {
    expect(loadConfig({}, { cwd: tmp() }).smtpUrl).toBeUndefined();
    const set = loadConfig(
      { SMTP_URL: "smtps://notices:secret@mail.example.ac.uk:465", PUBLIC_URL: "https://mentor.example.ac.uk" },
      { cwd: tmp() },
    );
    expect(set.smtpUrl).toBe("smtps://notices:secret@mail.example.ac.uk:465");
    expect(set.smtpFrom).toBe("Mentor Pathways <no-reply@mentor.example.ac.uk>");
    expect(
      loadConfig(
        { SMTP_URL: "smtp://127.0.0.1:2525", SMTP_FROM: "Partnership <mentoring@uni.example>" },
        { cwd: tmp() },
      ).smtpFrom,
    ).toBe("Partnership <mentoring@uni.example>");
    expect(() => loadConfig({ SMTP_URL: "https://mail.example.ac.uk" }, { cwd: tmp() })).toThrow(
      /SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => loadConfig({ SMTP_URL: "smtp://x", SMTP_FROM: "nobody" }, { cwd: tmp() })).toThrow(
      /SMTP_FROM must be an e-mail address/,
    );
  });

  it("reads an optional .env file, with the environment taking precedence", () => {
    const cwd = tmp();
    fs.writeFileSync(path.join(cwd, ".env"), "PORT=4100\nDATA_DIR=./store\n");
    const saved = process.env.PORT;
    delete process.env.PORT;
    try {
      const config = loadConfig(undefined, { cwd });
      expect(config.port).toBe(4100);
      expect(config.dataDir).toBe(path.join(cwd, "store"));
    } finally {
      if (saved !== undefined) process.env.PORT = saved;
    }
  });
});
