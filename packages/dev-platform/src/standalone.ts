/**
 * Runs the development platform as its own HTTP process, for benchmarks and manual testing
 * against a tool running elsewhere.
 *
 *   tsx packages/dev-platform/src/standalone.ts --port 4000 --tool-url http://127.0.0.1:3000
 *
 * Settings (flag, else environment variable, else default):
 *   --port / PORT (0 = any free port) · --host / HOST (127.0.0.1)
 *   --tool-url / TOOL_URL (http://127.0.0.1:3000)
 *   --platform-url / PLATFORM_URL: the issuer; its path is where the platform is served (default http://HOST:PORT)
 *   TOOL_LOGIN_URL, TOOL_LAUNCH_URL, TOOL_JWKS_URL, TOOL_DEEP_LINK_URL, TOOL_REGISTRATION_URL
 *     (defaults: TOOL_URL + /lti/login, /lti/launch, /lti/keys, none, /lti/register)
 *   CLIENT_ID (mentor-pathways-dev) · DEPLOYMENT_ID (dev-deployment-1) · QUIRKS (standard)
 *   KEY_FILE (none: a fresh key per run) · SEED (true) · ACCESS_TOKEN_TTL (3600)
 *
 * Prints one line, "Development platform listening at <issuer>", once it accepts requests.
 * A small control API lets a benchmark in another process inject faults and read counters:
 *   POST /__control/faults {rate, kinds, endpoints?, timeoutMs?} · DELETE /__control/faults
 *   GET /__control/stats
 */
import { parseArgs } from "node:util";
import type { AddressInfo } from "node:net";
import express from "express";
import { z } from "zod";
import { createDevPlatform, DEMO_COURSE_ID, OTHER_COURSE_ID } from "./index.js";
import type { QuirkMode } from "./types.js";

const ZFaultRequest = z.object({
  rate: z.number().min(0).max(1),
  kinds: z
    .array(z.union([z.literal(500), z.literal(429), z.literal("timeout"), z.literal("reset"), z.literal("throttle")]))
    .min(1),
  endpoints: z.array(z.enum(["token", "lineitems", "scores", "results", "memberships"])).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "tool-url": { type: "string" },
      "platform-url": { type: "string" },
    },
  });
  const env = process.env;
  const host = values.host ?? env.HOST ?? "127.0.0.1";
  const port = Number(values.port ?? env.PORT ?? 4000);
  const toolUrl = (values["tool-url"] ?? env.TOOL_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
  const quirks = (env.QUIRKS ?? "standard") as QuirkMode;
  if (!["standard", "moodle", "canvas", "blackboard", "d2l"].includes(quirks))
    throw new Error(`Unknown QUIRKS "${quirks}"`);

  const app = express();
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const issuer = (values["platform-url"] ?? env.PLATFORM_URL ?? `http://${host}:${actualPort}`).replace(/\/+$/, "");

  const platform = await createDevPlatform({
    issuer,
    clientId: env.CLIENT_ID ?? "mentor-pathways-dev",
    deploymentId: env.DEPLOYMENT_ID ?? "dev-deployment-1",
    tool: {
      loginUrl: env.TOOL_LOGIN_URL ?? `${toolUrl}/lti/login`,
      launchUrl: env.TOOL_LAUNCH_URL ?? `${toolUrl}/lti/launch`,
      jwksUrl: env.TOOL_JWKS_URL ?? `${toolUrl}/lti/keys`,
      deepLinkUrl: env.TOOL_DEEP_LINK_URL,
      registrationUrl: env.TOOL_REGISTRATION_URL ?? `${toolUrl}/lti/register`,
    },
    keyFile: env.KEY_FILE,
    quirks,
    seed: env.SEED !== "false",
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL ? Number(env.ACCESS_TOKEN_TTL) : undefined,
  });

  const control = express.Router();
  control.use(express.json());
  control.post("/faults", (req, res) => {
    const parsed = ZFaultRequest.safeParse(req.body);
    if (!parsed.success)
      return res.status(400).json({ error: "invalid_request", error_description: parsed.error.message });
    platform.faults.set(parsed.data);
    res.status(204).end();
  });
  control.delete("/faults", (_req, res) => {
    platform.faults.clear();
    res.status(204).end();
  });
  control.get("/stats", (_req, res) => {
    const lineItems = [DEMO_COURSE_ID, OTHER_COURSE_ID].flatMap((courseId) => platform.gradebook.lineItems(courseId));
    res.json({
      faults: platform.faults.stats(),
      accessTokensIssued: platform.accessTokens.issued().length,
      scores: lineItems.reduce((sum, item) => sum + platform.gradebook.scores(item.id).length, 0),
    });
  });
  app.use("/__control", control);
  app.use(new URL(issuer).pathname, platform.router);

  console.log(`Development platform listening at ${issuer}`);

  const stop = () => {
    platform.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
