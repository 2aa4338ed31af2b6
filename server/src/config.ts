import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import net from "node:net";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";

const ZBooleanString = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: "must be on or off (true or false)" })
  .transform((v) => v === "true" || v === "1" || v === "yes" || v === "on");

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ message: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 65535")
      .max(65535, "must be between 0 and 65535")
      .default(3000),
    HOST: z.string().min(1).optional(),
    PUBLIC_URL: z.string().url("must be an absolute URL such as https://mentor.example.ac.uk").optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
      .optional(),
    LTI_KEY: z.string().min(32, "must be at least 32 characters (use a long random secret)").optional(),
    DEV_PLATFORM: ZBooleanString.optional(),
    DEV_PLATFORM_QUIRKS: z
      .enum(["standard", "moodle", "canvas", "blackboard", "d2l"], {
        message: "must be standard, moodle, canvas, blackboard or d2l",
      })
      .default("standard"),
    LTI_CONFIG_DIR: z.string().min(1).default("./lti-config/platforms"),
    PROGRAMME_LEAD_ROLE: z.string().min(1).default("programme_lead"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    CHECK_ANSWERS: ZBooleanString.optional(),
    SMTP_URL: z
      .string()
      .url("must be a URL such as smtp://user:password@mail.example.ac.uk:587")
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps:// (e.g. smtps://user:password@mail.example.ac.uk:465)")
      .optional(),
    SMTP_FROM: z
      .string()
      .regex(
        /^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/,
        "must be an e-mail address, alone or as Name <address>",
      )
      .optional(),
    DYNAMIC_REGISTRATION_ALLOW_HOSTS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (hosts) => hosts.every(isAllowHostEntry),
        "must be a comma-separated list of host names, IP addresses or CIDR ranges (e.g. moodle.internal,10.20.0.0/16)",
      ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.LTI_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["LTI_KEY"],
        message: "is required in production (a random secret of 32+ characters)",
      });
    }
    if (!env.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is required in production (the https URL the LMS reaches the tool at)",
      });
    }
    if (env.DEV_PLATFORM === true) {
      ctx.addIssue({ code: "custom", path: ["DEV_PLATFORM"], message: "cannot be enabled in production" });
    }
  });

/** The tool's configuration, read once at start. */
export interface Config {
  env: "development" | "production" | "test";
  port: number;
  /** Unset: listen on all interfaces, IPv6 and IPv4, as Node does by default. */
  host: string | undefined;
  publicUrl: string;
  dataDir: string;
  mongodbUri: string | undefined;
  ltiKey: string;
  devPlatformEnabled: boolean;
  /** Makes the development platform behave like one LMS's gradebook (see docs/LMS-QUIRKS.md). */
  devPlatformQuirks: "standard" | "moodle" | "canvas" | "blackboard" | "d2l";
  ltiConfigDir: string;
  programmeLeadRole: string;
  /** Hosts, addresses or CIDR ranges Dynamic Registration may reach although private or local. */
  dynamicRegistrationAllowHosts: string[];
  logLevel: "debug" | "info" | "warn" | "error";
  /**
   * Whether each JSON answer is parsed with its endpoint's output schema before it goes out (on
   * unless CHECK_ANSWERS=off; a production deployment may turn it off to save the parse, about
   * 8 ms for a 490 KB answer, see http/endpoint.ts).
   */
  checkAnswers: boolean;
  /** Unset: notices stay in the tool. Set: each is also e-mailed (commands/emailNotice.ts). */
  smtpUrl: string | undefined;
  /** The sender of those e-mails. */
  smtpFrom: string;
}

/** Thrown when the environment is wrong; its message lists every bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads configuration from `source` (default: process.env merged over an optional `.env`),
 * validating every value. Outside production a missing LTI_KEY is generated once and kept
 * under DATA_DIR so sessions and stored secrets survive restarts.
 */
export function loadConfig(source?: Record<string, string | undefined>, options: { cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const raw = source ?? { ...readDotenv(cwd), ...process.env };
  const parsed = ZEnv.safeParse(blankToUndefined(raw));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(environment)"} ${i.message}`);
    throw new ConfigError(`Mentor Pathways cannot start: the configuration is invalid.\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(cwd, env.DATA_DIR);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    dataDir,
    mongodbUri: env.MONGODB_URI,
    ltiKey: env.LTI_KEY ?? readOrCreateDevKey(dataDir),
    // On by default only where `npm start` runs on this machine: development mode with a
    // loopback PUBLIC_URL. Anywhere else it must be asked for (and never in production).
    devPlatformEnabled: env.DEV_PLATFORM ?? (env.NODE_ENV === "development" && isLoopbackUrl(publicUrl)),
    devPlatformQuirks: env.DEV_PLATFORM_QUIRKS,
    ltiConfigDir: path.resolve(cwd, env.LTI_CONFIG_DIR),
    programmeLeadRole: env.PROGRAMME_LEAD_ROLE,
    dynamicRegistrationAllowHosts: env.DYNAMIC_REGISTRATION_ALLOW_HOSTS,
    logLevel: env.LOG_LEVEL,
    checkAnswers: env.CHECK_ANSWERS ?? true,
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM ?? `Mentor Pathways <no-reply@${new URL(publicUrl).hostname.replace(/^\[|\]$/g, "")}>`,
  };
}

/** True when a URL's host is this machine (localhost, 127.0.0.0/8 or ::1). */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    (net.isIPv4(host) && host.startsWith("127."))
  );
}

// A host name, an IP address, or an address range in CIDR notation.
function isAllowHostEntry(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined) return false;
  if (bits !== undefined) {
    const family = net.isIP(address);
    const n = Number(bits);
    return family !== 0 && /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
  }
  return net.isIP(address) !== 0 || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(address);
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, ".env");
  return fs.existsSync(file) ? parseDotenv(fs.readFileSync(file)) : {};
}

// An empty variable (FOO=) means "not set", as most twelve-factor tools treat it.
function blankToUndefined(raw: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === "" ? undefined : v]));
}

function readOrCreateDevKey(dataDir: string): string {
  const file = path.join(dataDir, "lti-key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, key + "\n", { mode: 0o600 });
  return key;
}
