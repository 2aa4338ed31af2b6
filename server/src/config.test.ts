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
    expect(loadConfig({ PUBLIC_URL: "https://mentor.example.ac.uk/" }, { cwd: tmp() }).publicUrl).toBe("https://mentor.example.ac.uk");
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
    expect(() => loadConfig({ NODE_ENV: "production" }, { cwd: tmp() })).toThrow(/LTI_KEY is required in production[\s\S]*PUBLIC_URL is required/);
    expect(() => loadConfig({ NODE_ENV: "production", LTI_KEY: "short", PUBLIC_URL: "https://x.example" }, { cwd: tmp() })).toThrow(
      /LTI_KEY must be at least 32 characters/,
    );
    const prod = loadConfig({ NODE_ENV: "production", LTI_KEY: "k".repeat(40), PUBLIC_URL: "https://x.example" }, { cwd: tmp() });
    expect(prod.devPlatformEnabled).toBe(false);
    expect(() => loadConfig({ NODE_ENV: "production", LTI_KEY: "k".repeat(40), PUBLIC_URL: "https://x.example", DEV_PLATFORM: "true" }, { cwd: tmp() })).toThrow(
      /DEV_PLATFORM cannot be enabled in production/,
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
