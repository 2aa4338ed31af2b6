import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Config } from "./config";
import { startEmbeddedEngine, type EmbeddedEngine } from "./db/embeddedEngine";
import { connectDatabase, disconnectDatabase, ensureIndexes, type EngineInfo } from "./db/connection";
import { createLtiPort } from "./lti/ltijsPort";
import { readPlatformFiles } from "./lti/platformFiles";
import { toolUrls } from "./lti/toolUrls";
import { createApp } from "./app";
import type { AppDeps } from "./appDeps";
import type { DevPlatform } from "@mentor-pathways/dev-platform";
import { GRADEBOOK_JOB_NAMES, gradebookJobs, type GradebookJobOptions, type GradebookJobs } from "./gradebook/jobs";
import { answerUnready, type Readiness } from "./http/health";
import { JobRunner, type JobRunnerOptions } from "./jobs/jobRunner";
import { toolJobs } from "./jobs/toolJobs";
import { noticeEmailJob } from "./commands/emailNotice";
import { acceptLaunch } from "./commands/acceptLaunch";
import "./models";
import { sweepMarkFollowUps } from "./commands/markModuleWork";
import { sweepSubmissionFollowUps } from "./commands/submitModuleWork";
import { runMigrations } from "./db/migrations";
import { storeProgrammeVersion } from "./commands/storeProgrammeVersion";
import { defaultProgramme } from "./programme/defaultProgramme";
import { SHIPPED } from "./programme/programmeVersions";

/** A running tool: the HTTP server, its URL and what tests and operators need to reach into. */
export interface RunningTool {
  url: string;
  config: Config;
  engine: EngineInfo;
  deps: AppDeps;
  devPlatform: DevPlatform | null;
  /** Grade passback worker and roster schedule; `stop()` pauses their jobs in this process. */
  gradebook: GradebookJobs;
  /** Every background job of this process (passback, sweeps, roster sync). */
  jobs: JobRunner;
  /** The embedded engine this tool started, if MONGODB_URI was not set. */
  embeddedEngine: EmbeddedEngine | null;
  server: http.Server;
  close(): Promise<void>;
}

export const DEV_CLIENT_ID = "mentor-pathways-dev";
export const DEV_DEPLOYMENT_ID = "dev-deployment-1";

/** What tests and the benchmark may change about a start. */
export interface StartOptions {
  databaseName?: string;
  gradebook?: GradebookJobOptions;
  jobs?: JobRunnerOptions;
}

/**
 * Starts the tool: the listener first, answering 503 with Retry-After (and /health/live) until
 * the rest is ready, so no connection made during start-up waits unanswered; then the database
 * (embedded engine unless MONGODB_URI), indexes, LTI door, platform registrations, development
 * platform (outside production) and the job runner; then the app.
 */
export async function startTool(config: Config, options: StartOptions = {}): Promise<RunningTool> {
  let readiness: Readiness = "starting";
  let app: http.RequestListener | null = null;
  const server = http.createServer((req, res) => {
    if (readiness === "ready" && app) app(req, res);
    else answerUnready(req, res, readiness === "ready" ? "starting" : readiness);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if (config.host) server.listen(config.port, config.host, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // With PORT=0 (tests) the public URL is only known once listening.
  const resolved: Config =
    config.port === 0 ? { ...config, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`) } : config;

  let embedded: EmbeddedEngine | null = null;
  let jobs: JobRunner | null = null;
  try {
    let uri = config.mongodbUri;
    if (!uri) {
      embedded = await startEmbeddedEngine(path.join(config.dataDir, "db"));
      uri = `${embedded.uri}${options.databaseName ?? "mentor-pathways"}`;
    } else if (options.databaseName) {
      const u = new URL(uri);
      u.pathname = `/${options.databaseName}`;
      uri = u.toString();
    }

    const engine = await connectDatabase(uri);
    const lti = await createLtiPort(resolved, uri, { onLaunch: acceptLaunch });
    const expiryRules = await ensureIndexes();
    await runMigrations();
    // The shipped programme is stored once at start-up, so reads can name it without writing.
    await storeProgrammeVersion({ tenantId: SHIPPED, definition: defaultProgramme(), loadedBy: null });

    for (const { registration } of readPlatformFiles(resolved.ltiConfigDir)) {
      await lti.registerPlatform(registration, "file");
    }

    let devPlatform: DevPlatform | null = null;
    if (resolved.devPlatformEnabled) {
      const urls = toolUrls(resolved.publicUrl);
      // Loaded only when on, so the tool's bundle leaves it out (scripts/build-server.mjs builds it apart).
      const { createDevPlatform } = await import("@mentor-pathways/dev-platform");
      devPlatform = await createDevPlatform({
        issuer: `${resolved.publicUrl}/dev-platform`,
        clientId: DEV_CLIENT_ID,
        deploymentId: DEV_DEPLOYMENT_ID,
        tool: {
          loginUrl: urls.login,
          launchUrl: urls.launch,
          jwksUrl: urls.keys,
          deepLinkUrl: urls.launch,
          registrationUrl: urls.register,
        },
        keyFile: path.join(resolved.dataDir, "dev-platform-key.json"),
        quirks: resolved.devPlatformQuirks,
      });
      await lti.registerPlatform(
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
    const gradebookParts = gradebookJobs({ lti }, options.gradebook);
    const noticeEmail = noticeEmailJob({ smtpUrl: resolved.smtpUrl, from: resolved.smtpFrom });
    const runner = new JobRunner(
      toolJobs({ expiryRules, gradebook: gradebookParts.definitions, noticeEmail }),
      options.jobs,
    );
    jobs = runner;
    if (options.gradebook?.autoStart === false) await runner.pause(GRADEBOOK_JOB_NAMES);
    await runner.start();
    const gradebook: GradebookJobs = { ...gradebookParts, stop: () => runner.pause(GRADEBOOK_JOB_NAMES) };
    // Module submissions and marks whose follow-ups a stop interrupted before this start
    // (commands/submitModuleWork.ts, markModuleWork.ts); the mark-follow-ups job then sweeps every
    // few minutes, leaving young ones to their request.
    const startSweep = sweepSubmissionFollowUps(0)
      .then(() => sweepMarkFollowUps(0))
      .catch((err) => console.error("[marking] follow-up sweep failed:", err));

    app = createApp(deps, { devPlatformRouter: devPlatform?.router });
    readiness = "ready";

    let closed = false;
    return {
      url: resolved.publicUrl,
      config: resolved,
      engine,
      deps,
      devPlatform,
      gradebook,
      jobs: runner,
      embeddedEngine: embedded,
      server,
      async close() {
        if (closed) return;
        closed = true;
        readiness = "stopping";
        await runner.stop();
        await startSweep;
        devPlatform?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await disconnectDatabase();
        await embedded?.stop();
      },
    };
  } catch (err) {
    readiness = "stopping";
    await jobs?.stop();
    server.closeAllConnections();
    server.close();
    await disconnectDatabase().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
}
