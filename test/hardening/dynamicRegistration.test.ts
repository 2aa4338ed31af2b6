import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { startTestTool } from "../support/server";

// Issue #13, item 3: GET /lti/register is open to anyone, so it must not fetch whatever it is
// given. Only loopback servers started here are ever contacted; every other address must be
// refused before any request is made.

let dev: RunningTool; // NODE_ENV=test: loopback allowed, http only for loopback
let prod: RunningTool; // production: https only, no loopback/private unless allow-listed (127.0.0.2 is)

/** A loopback HTTP server that records each request and answers with `answer`. */
async function recordingServer(host: string, answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    requests,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A loopback TCP server that only counts connections (anything speaking TLS to it fails). */
async function countingSocket(host: string) {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    get connections() {
      return connections;
    },
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const toolBase = (tool: RunningTool) => `http://127.0.0.1:${(tool.server.address() as AddressInfo).port}`;
async function register(tool: RunningTool, openidConfiguration: string, token: string | null = "platform-token") {
  const query = new URLSearchParams({
    openid_configuration: openidConfiguration,
    ...(token ? { registration_token: token } : {}),
  });
  const res = await fetch(`${toolBase(tool)}/lti/register?${query}`);
  return { status: res.status, text: (await res.text()).replace(/&quot;/g, '"') };
}

let platform: Awaited<ReturnType<typeof recordingServer>>;
beforeAll(async () => {
  dev = await startTestTool();
  prod = await startTestTool({
    NODE_ENV: "production",
    PUBLIC_URL: "https://127.0.0.1:0",
    DEV_PLATFORM: "",
    DYNAMIC_REGISTRATION_ALLOW_HOSTS: "127.0.0.2",
  });
  platform = await recordingServer("127.0.0.1", (req, res) => {
    const base = `http://127.0.0.1:${platform.port}`;
    const config = (over: Record<string, string>) =>
      JSON.stringify({
        issuer: base,
        authorization_endpoint: `${base}/auth`,
        token_endpoint: `${base}/token`,
        jwks_uri: `${base}/jwks`,
        registration_endpoint: `${base}/register`,
        ...over,
      });
    if (req.url === "/huge")
      return res.writeHead(200, { "content-type": "application/json" }).end(`{"pad":"${"x".repeat(1024 * 1024)}"}`);
    if (req.url === "/moved") return res.writeHead(302, { location: `${base}/elsewhere` }).end();
    if (req.url === "/metadata-keys")
      return res
        .writeHead(200, { "content-type": "application/json" })
        .end(config({ jwks_uri: "https://169.254.169.254/latest/meta-data/" }));
    if (req.url === "/private-registration")
      return res
        .writeHead(200, { "content-type": "application/json" })
        .end(config({ registration_endpoint: "https://10.1.2.3/register" }));
    res.writeHead(404).end();
  });
});
afterAll(async () => {
  await platform?.close();
  await dev?.close();
  await prod?.close();
});

describe("outside production", () => {
  it("requires the registration token before fetching anything", async () => {
    const before = platform.requests.length;
    const res = await register(dev, `http://127.0.0.1:${platform.port}/huge`, null);
    expect(res.status).toBe(400);
    expect(res.text).toContain("The registration token your VLE sends with this page is missing");
    expect(platform.requests.length).toBe(before);
  });

  it("answers 400 with a clear sentence for addresses that are not http(s) web addresses", async () => {
    for (const bad of [
      "javascript:alert(document.cookie)",
      "file:///etc/passwd",
      `ftp://127.0.0.1:${platform.port}/config`,
      "data:application/json,{}",
      "gopher://127.0.0.1/",
      "not a url",
    ]) {
      const res = await register(dev, bad);
      expect(res.status, bad).toBe(400);
      expect(res.text, bad).toMatch(/Registration refused/);
      expect(res.text, bad).toMatch(
        /must be an https address; "[a-z]+:" addresses are not accepted|is not a valid web address/,
      );
    }
  });

  it("refuses private, link-local and reserved addresses, IPv4 and IPv6, in any spelling", async () => {
    const cases: Array<[string, RegExp]> = [
      ["https://10.0.0.1/.well-known/openid-configuration", /a private address \(10\.0\.0\.1\)/],
      ["https://0x0a000001/", /a private address \(10\.0\.0\.1\)/],
      ["https://192.168.1.10/", /a private address/],
      ["https://172.16.5.4/", /a private address/],
      ["https://172.31.255.254/", /a private address/],
      ["https://169.254.169.254/latest/meta-data/", /a link-local address \(169\.254\.169\.254\)/],
      ["https://[fd12:3456::1]/", /a private address/],
      ["https://[fe80::1]/", /a link-local address/],
      ["https://[::ffff:10.0.0.1]/", /a private address/],
      ["https://[::ffff:a9fe:a9fe]/", /a link-local address/],
      ["https://0.0.0.0/", /a reserved address/],
      ["https://[::]/", /a reserved address/],
    ];
    for (const [url, reason] of cases) {
      const res = await register(dev, url);
      expect(res.status, url).toBe(400);
      expect(res.text, url).toMatch(reason);
      expect(res.text, url).toContain("DYNAMIC_REGISTRATION_ALLOW_HOSTS");
    }
  });

  it("accepts plain http only for this machine", async () => {
    for (const url of [
      "http://moodle.example.ac.uk/.well-known/openid-configuration",
      "http://169.254.169.254/",
      "http://[fd00::1]/",
    ]) {
      const res = await register(dev, url);
      expect(res.status, url).toBe(400);
      expect(res.text, url).toMatch(/must use https|a private address|a link-local address/);
    }
  });

  it("bounds the answer's size and follows no redirect", async () => {
    const huge = await register(dev, `http://127.0.0.1:${platform.port}/huge`);
    expect(huge.status).toBe(502);
    expect(huge.text).toContain("answered with more than 256 KB");
    const moved = await register(dev, `http://127.0.0.1:${platform.port}/moved`);
    expect(moved.status).toBe(502);
    expect(moved.text).toContain("answered with a redirect (302)");
    expect(platform.requests).not.toContain("GET /elsewhere");
  });

  it("holds the addresses the platform's configuration names to the same rules, before registering", async () => {
    const keys = await register(dev, `http://127.0.0.1:${platform.port}/metadata-keys`);
    expect(keys.status).toBe(400);
    expect(keys.text).toMatch(/keyset \(jwks_uri\) points to a link-local address/);
    const registration = await register(dev, `http://127.0.0.1:${platform.port}/private-registration`);
    expect(registration.status).toBe(400);
    expect(registration.text).toMatch(/registration endpoint points to a private address/);
    expect(platform.requests.filter((r) => r.startsWith("POST"))).toEqual([]);
  });
});

describe("in production", () => {
  it("requires https", async () => {
    const res = await register(prod, "http://moodle.example.ac.uk/.well-known/openid-configuration");
    expect(res.status).toBe(400);
    expect(res.text).toContain("must use https");
  });

  it("refuses this machine however it is named, checking what a host name resolves to", async () => {
    const before = platform.requests.length;
    for (const url of [
      `https://127.0.0.1:${platform.port}/huge`,
      `https://localhost:${platform.port}/huge`,
      `https://[::1]:${platform.port}/huge`,
      `https://2130706433:${platform.port}/huge`,
      `https://[::ffff:127.0.0.1]:${platform.port}/huge`,
    ]) {
      const res = await register(prod, url);
      expect(res.status, url).toBe(400);
      expect(res.text, url).toMatch(/points to this machine \(loopback\)/);
    }
    expect(platform.requests.length).toBe(before);
  });

  it("reaches an address the administrator allowed (and only then makes a connection)", async () => {
    const allowed = await countingSocket("127.0.0.2");
    try {
      const res = await register(prod, `https://127.0.0.2:${allowed.port}/.well-known/openid-configuration`);
      // Past the address checks: the connection is made, and fails because nothing speaks TLS there.
      expect(res.status).toBe(502);
      expect(res.text).toContain("could not be reached");
      expect(allowed.connections).toBe(1);
    } finally {
      await allowed.close();
    }
  });
});
