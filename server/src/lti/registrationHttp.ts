/**
 * HTTP to a platform during Dynamic Registration. The addresses come from an unauthenticated
 * request, so each is checked before anything is sent (scheme, then every address its host
 * resolves to), the connection goes to the address that was checked (no second lookup for a
 * rebinding DNS server to answer differently), redirects are not followed, and the answer is
 * bounded in size and time.
 */
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { LookupFunction } from "node:net";
import { platformUserAgent } from "./platformHttp";

/** An address Dynamic Registration will not use; the message says why, for the administrator. */
export class RefusedAddressError extends Error {
  override name = "RefusedAddressError";
}

/** A platform address that could not be read (unreachable, slow, too large, not JSON, refused). */
export class RegistrationFetchError extends Error {
  override name = "RegistrationFetchError";
}

/** Where registration may reach: https only in production; private addresses only if allowed. */
export interface AddressPolicy {
  isProduction: boolean;
  /** Host names, IP addresses or CIDR ranges an administrator allows although private or local. */
  allowHosts: readonly string[];
}

export const REGISTRATION_TIMEOUT_MS = 10_000;
export const REGISTRATION_MAX_BYTES = 256 * 1024;

type AddressKind = "public" | "loopback" | "private" | "link-local" | "reserved";

const ranges: Array<[AddressKind, string, number, "ipv4" | "ipv6"]> = [
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["loopback", "::1", 128, "ipv6"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["private", "172.16.0.0", 12, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["private", "100.64.0.0", 10, "ipv4"], // carrier-grade NAT
  ["private", "fc00::", 7, "ipv6"], // unique local
  ["link-local", "169.254.0.0", 16, "ipv4"], // includes cloud metadata, 169.254.169.254
  ["link-local", "fe80::", 10, "ipv6"],
  ["reserved", "0.0.0.0", 8, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"],
  ["reserved", "192.0.2.0", 24, "ipv4"],
  ["reserved", "198.18.0.0", 15, "ipv4"],
  ["reserved", "198.51.100.0", 24, "ipv4"],
  ["reserved", "203.0.113.0", 24, "ipv4"],
  ["reserved", "224.0.0.0", 3, "ipv4"], // multicast and 240/4
  ["reserved", "::", 128, "ipv6"],
  ["reserved", "ff00::", 8, "ipv6"],
  ["reserved", "2001:db8::", 32, "ipv6"],
];
const kindLists = new Map<AddressKind, net.BlockList>();
for (const [kind, address, prefix, family] of ranges) {
  const list = kindLists.get(kind) ?? new net.BlockList();
  list.addSubnet(address, prefix, family);
  kindLists.set(kind, list);
}

// An IPv4 address carried inside IPv6 (::ffff:a.b.c.d, or NAT64 64:ff9b::a.b.c.d) is judged as IPv4.
function embeddedIpv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** What kind of address an IP address is: loopback, private, link-local, reserved or public. */
export function addressKind(address: string): AddressKind {
  const v4 = net.isIPv6(address) ? embeddedIpv4(address) : address;
  const [ip, family] = v4 ? [v4, "ipv4" as const] : [address, "ipv6" as const];
  for (const [kind, list] of kindLists) if (list.check(ip, family)) return kind;
  return "public";
}

function isAllowListed(policy: AddressPolicy, hostname: string, address: string | null): boolean {
  for (const entry of policy.allowHosts) {
    const [base, bits] = entry.split("/");
    if (bits === undefined && entry === hostname) return true;
    if (!address || net.isIP(base) === 0) continue;
    const family = net.isIP(base) === 4 ? "ipv4" : "ipv6";
    const list = new net.BlockList();
    if (bits === undefined) list.addAddress(base, family);
    else list.addSubnet(base, Number(bits), family);
    const v4 = net.isIPv6(address) ? embeddedIpv4(address) : null;
    if (list.check(address, net.isIP(address) === 4 ? "ipv4" : "ipv6") || (v4 !== null && list.check(v4, "ipv4")))
      return true;
  }
  return false;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
const isLoopbackName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/**
 * Checks what can be checked without the network: an http(s) URL without credentials; https in
 * production; http outside production only for this machine; an IP address that is not private,
 * link-local or reserved (loopback only outside production) unless allow-listed.
 */
export function checkUrlForm(raw: string, policy: AddressPolicy, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedAddressError(`The ${what} is not a valid web address.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RefusedAddressError(
      `The ${what} must be an https address; "${url.protocol}" addresses are not accepted.`,
    );
  }
  if (url.username || url.password)
    throw new RefusedAddressError(`The ${what} must not contain a user name or password.`);
  const host = hostOf(url);
  const isLiteral = net.isIP(host) !== 0;
  if (url.protocol === "http:") {
    if (policy.isProduction) throw new RefusedAddressError(`The ${what} must use https.`);
    const isLoopback = isLoopbackName(host) || (isLiteral && addressKind(host) === "loopback");
    if (!isLoopback)
      throw new RefusedAddressError(
        `The ${what} must use https (plain http is accepted only for this machine, outside production).`,
      );
  }
  if (isLiteral) checkAddress(policy, host, host, what);
  return url;
}

function checkAddress(policy: AddressPolicy, hostname: string, address: string, what: string): void {
  const kind = addressKind(address);
  if (kind === "public" || isAllowListed(policy, hostname, address)) return;
  if (kind === "loopback" && !policy.isProduction) return;
  const described =
    kind === "loopback" ? "this machine (loopback)" : kind === "reserved" ? "a reserved address" : `a ${kind} address`;
  throw new RefusedAddressError(
    `The ${what} points to ${described} (${address}), which Mentor Pathways does not contact. An administrator can allow it with DYNAMIC_REGISTRATION_ALLOW_HOSTS.`,
  );
}

/**
 * Checks a URL completely: its form, then every address its host resolves to. Returns the URL
 * and the checked address to connect to.
 */
export async function checkUrl(
  raw: string,
  policy: AddressPolicy,
  what: string,
): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  const url = checkUrlForm(raw, policy, what);
  const host = hostOf(url);
  const family = net.isIP(host);
  if (family !== 0) return { url, address: host, family: family as 4 | 6 };
  let resolved: Array<{ address: string; family: number }>;
  try {
    resolved = await dns.lookup(host, { all: true, verbatim: true });
  } catch {
    throw new RegistrationFetchError(`The ${what}'s host "${host}" could not be found.`);
  }
  if (resolved.length === 0) throw new RegistrationFetchError(`The ${what}'s host "${host}" could not be found.`);
  for (const r of resolved) checkAddress(policy, host, r.address, what);
  if (url.protocol === "http:" && resolved.some((r) => addressKind(r.address) !== "loopback")) {
    throw new RefusedAddressError(
      `The ${what} must use https (plain http is accepted only for this machine, outside production).`,
    );
  }
  return { url, address: resolved[0].address, family: resolved[0].family === 6 ? 6 : 4 };
}

/**
 * Requests a checked URL and parses the JSON answer: connects to the checked address only,
 * follows no redirect, gives up after `timeoutMs` and beyond `maxBytes`.
 */
export async function fetchRegistrationJson(
  raw: string,
  policy: AddressPolicy,
  what: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {},
  limits: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<unknown> {
  const { url, address, family } = await checkUrl(raw, policy, what);
  const timeoutMs = limits.timeoutMs ?? REGISTRATION_TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? REGISTRATION_MAX_BYTES;
  // The connection goes to the address checked above, whatever DNS would say now.
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address, family },
      ]);
    else callback(null, address, family);
  };
  const text = await new Promise<string>((resolve, reject) => {
    const send = url.protocol === "https:" ? https.request : http.request;
    const req = send(
      url,
      {
        method: init.method ?? "GET",
        headers: { accept: "application/json", ...init.headers, "user-agent": platformUserAgent() },
        lookup,
        timeout: timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.destroy();
          return reject(
            new RegistrationFetchError(
              `The ${what} answered with a redirect (${status}); registration addresses must answer directly.`,
            ),
          );
        }
        if (Number(res.headers["content-length"] ?? 0) > maxBytes) {
          res.destroy();
          return reject(new RegistrationFetchError(`The ${what} answered with more than ${maxBytes / 1024} KB.`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new RegistrationFetchError(`The ${what} answered with more than ${maxBytes / 1024} KB.`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", (err) => reject(new RegistrationFetchError(`The ${what} could not be read (${err.message}).`)));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          if (status < 200 || status >= 300)
            reject(new RegistrationFetchError(`The ${what} answered ${status}: ${body.slice(0, 300)}`));
          else resolve(body);
        });
      },
    );
    const timer = setTimeout(
      () => req.destroy(new RegistrationFetchError(`The ${what} did not answer within ${timeoutMs / 1000} seconds.`)),
      timeoutMs,
    );
    timer.unref();
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", () =>
      req.destroy(new RegistrationFetchError(`The ${what} did not answer within ${timeoutMs / 1000} seconds.`)),
    );
    req.on("error", (err) =>
      reject(
        err instanceof RegistrationFetchError
          ? err
          : new RegistrationFetchError(
              `The ${what} could not be reached (${(err as NodeJS.ErrnoException).code ?? err.message}).`,
            ),
      ),
    );
    req.end(init.body);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new RegistrationFetchError(`The ${what} did not answer with JSON.`);
  }
}
