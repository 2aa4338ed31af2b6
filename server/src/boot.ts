import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Config } from "./config";
import { startEmbeddedEngine, type EmbeddedEngine } from "./db/embeddedEngine";
import { connectDatabase, disconnectDatabase, ensureIndexes, sweepExpired, type EngineInfo } from "./db/connection";
import { createLtiDoor } from "./lti/door";
import { readPlatformFiles } from "./lti/platformFiles";
import { registerPlatform } from "./lti/registrations";
import { toolUrls } from "./lti/toolUrls";
import { createApp } from "./app";
import type { AppDeps } from "./appDeps";
import { createDevPlatform, type DevPlatform } from "./devPlatform";
import { startGradebookJobs, type GradebookJobOptions, type GradebookJobs } from "./gradebook/jobs";
import "./models";
import { sweepDecisionFollowUps } from "./commands/panelDecisionFollowUps";

/** A running tool: the HTTP server, its URL and what tests and operators need to reach into. */
export interface RunningTool {
  url: string;
  config: Config;
  engine: EngineInfo;
  deps: AppDeps;
  devPlatform: DevPlatform | null;
  /** Grade passback worker and roster schedule. */
  gradebook: GradebookJobs;
  /** The embedded engine this tool started, if MONGODB_URI was not set. */
  embeddedEngine: EmbeddedEngine | null;
  server: http.Server;
  close(): Promise<void>;
}

export const DEV_CLIENT_ID = "mentor-pathways-dev";
export const DEV_DEPLOYMENT_ID = "dev-deployment-1";

/**
 * Starts the tool: database (embedded engine unless MONGODB_URI), indexes, LTI door, platform
 * registrations, development platform (outside production), background jobs and the listener.
 */
export async function startTool(config: Config, options: { databaseName?: string; gradebook?: GradebookJobOptions } = {}): Promise<RunningTool> {
  let embedded: EmbeddedEngine | null = null;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startEmbeddedEngine(path.join(config.dataDir, "db"));
    uri = `${embedded.uri}${options.databaseName ?? "mentor-pathways"}`;
  } else if (options.databaseName) {
    const u = new URL(uri);
    u.pathname = `/${options.databaseName}`;
    uri = u.toString();
  }

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if (config.host) server.listen(config.port, config.host, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // With PORT=0 (tests) the public URL is only known once listening.
  const resolved: Config = config.port === 0 ? { ...config, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`) } : config;

  const stopJobs: Array<() => void> = [];
  try {
    const engine = await connectDatabase(uri);
    const lti = await createLtiDoor(resolved, uri);
    const expiryRules = await ensureIndexes();
    if (expiryRules.length > 0) {
      const timer = setInterval(() => sweepExpired(expiryRules).catch((err) => console.error("[expiry] sweep failed:", err)), 60_000);
      timer.unref();
      stopJobs.push(() => clearInterval(timer));
    }

    for (const { registration } of readPlatformFiles(resolved.ltiConfigDir)) {
      await registerPlatform(lti.provider, registration, "file");
    }

    let devPlatform: DevPlatform | null = null;
    if (resolved.devPlatformEnabled) {
      const urls = toolUrls(resolved.publicUrl);
      devPlatform = await createDevPlatform({
        issuer: `${resolved.publicUrl}/dev-platform`,
        clientId: DEV_CLIENT_ID,
        deploymentId: DEV_DEPLOYMENT_ID,
        tool: { loginUrl: urls.login, launchUrl: urls.launch, jwksUrl: urls.keys, deepLinkUrl: urls.launch, registrationUrl: urls.register },
        keyFile: path.join(resolved.dataDir, "dev-platform-key.json"),
        quirks: resolved.devPlatformQuirks,
      });
      await registerPlatform(
        lti.provider,
        {
          name: "Development platform",
          lms: "development",
          issuer: devPlatform.issuer,
          clientId: devPlatform.clientId,
          authLoginUrl: devPlatform.authEndpoint,
          accessTokenUrl: devPlatform.tokenEndpoint,
          jwksUrl: devPlatform.jwksUrl,
          deploymentIds: [devPlatform.deploymentId],
        },
        "development",
      );
    }

    const deps: AppDeps = { config: resolved, engine, lti };
    server.on("request", createApp(deps, { devPlatformRouter: devPlatform?.router }));
    // Panel decisions whose follow-ups a crash interrupted (see commands/panelDecisionFollowUps.ts).
    const followUps = setInterval(() => sweepDecisionFollowUps().catch((err) => console.error("[panel] follow-up sweep failed:", err)), 5 * 60_000);
    followUps.unref();
    stopJobs.push(() => clearInterval(followUps));
    const gradebook = startGradebookJobs({ provider: lti.provider }, options.gradebook);
    stopJobs.push(() => void gradebook.stop());

    let closed = false;
    return {
      url: resolved.publicUrl,
      config: resolved,
      engine,
      deps,
      devPlatform,
      gradebook,
      embeddedEngine: embedded,
      server,
      async close() {
        if (closed) return;
        closed = true;
        await gradebook.stop();
        for (const stop of stopJobs) stop();
        devPlatform?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await disconnectDatabase();
        await embedded?.stop();
      },
    };
  } catch (err) {
    for (const stop of stopJobs) stop();
    server.close();
    await disconnectDatabase().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
}
