import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedEngine, type EmbeddedEngine } from "../../server/src/db/embeddedEngine";
import { repoRoot, startChild, type Child } from "./children";
import { freePort } from "./ports";

/** The database engine every process of one bench run shares. */
export interface BenchEngine {
  /** "embedded FerretDB" or "MONGODB_URI". */
  label: string;
  /** The engine's process when the bench started it (for idle checks). */
  pid?: number;
  /** A mongodb:// URI for database `name`. */
  uriFor(name: string): string;
  stop(): Promise<void>;
}

/**
 * MONGODB_URI when set (its database name is replaced per use), otherwise one embedded FerretDB
 * engine under `dir`, started by the bench and shared by the tool and the baseline.
 */
export async function startBenchEngine(dir: string): Promise<BenchEngine> {
  const external = process.env.MONGODB_URI;
  if (external) {
    return {
      label: "MongoDB (MONGODB_URI)",
      uriFor: (name) => {
        const u = new URL(external);
        u.pathname = `/${name}`;
        return u.toString();
      },
      stop: async () => undefined,
    };
  }
  const engine: EmbeddedEngine = await startEmbeddedEngine(path.join(dir, "db"));
  const base = engine.uri.endsWith("/") ? engine.uri : `${engine.uri}/`;
  return {
    label: "embedded FerretDB (SQLite)",
    pid: engine.pid,
    uriFor: (name) => `${base}${name}`,
    stop: () => engine.stop(),
  };
}

export const PLATFORM_CLIENT_ID = "mentor-pathways-bench";
export const PLATFORM_DEPLOYMENT_ID = "bench-deployment-1";

/** The development platform (standalone process) the tool and the baseline are registered with. */
export interface BenchPlatform extends Child {
  issuer: string;
}

/** Everything one bench run starts: engine, development platform, our tool; the baseline on demand. */
export interface BenchStack {
  dir: string;
  engine: BenchEngine;
  platform: BenchPlatform;
  tool: Child & { url: string; ltiKey: string; databaseUri: string };
  stop(): Promise<void>;
}

/** How `npm start` runs the server: package.json's config (node flags, malloc arenas). */
function startConfig(): { node_flags?: string; malloc_arena_max?: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    config?: { node_flags?: string; malloc_arena_max?: string };
  };
  return manifest.config ?? {};
}

/**
 * Starts the stack. The tool runs as a child process as `npm start` runs it (the compiled server,
 * server/build/main.js, built here from the current sources) in production mode with the development platform registered from a platform file, so its RSS can
 * be read under load and nothing but the tool itself runs in its process.
 */
export async function startStack(options: { isVerbose?: boolean } = {}): Promise<BenchStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mentor-bench-"));
  const started: Array<{ stop(): Promise<void> }> = [];
  try {
    const engine = await startBenchEngine(dir);
    started.push(engine);
    const [toolPort, platformPort] = [await freePort(), await freePort()];
    const toolUrl = `http://127.0.0.1:${toolPort}`;
    const issuer = `http://127.0.0.1:${platformPort}`;

    const platform = await startChild({
      name: "dev-platform",
      script: "packages/dev-platform/src/standalone.ts",
      env: {
        NODE_ENV: "production",
        PORT: String(platformPort),
        HOST: "127.0.0.1",
        TOOL_URL: toolUrl,
        CLIENT_ID: PLATFORM_CLIENT_ID,
        DEPLOYMENT_ID: PLATFORM_DEPLOYMENT_ID,
        KEY_FILE: path.join(dir, "platform-key.json"),
      },
      ready: /Development platform listening at/,
      isVerbose: options.isVerbose,
    });
    started.push(platform);

    const configDir = path.join(dir, "platforms");
    fs.mkdirSync(configDir);
    fs.writeFileSync(
      path.join(configDir, "bench-platform.json"),
      JSON.stringify({
        name: "Bench development platform",
        lms: "development",
        issuer,
        clientId: PLATFORM_CLIENT_ID,
        authLoginUrl: `${issuer}/auth`,
        accessTokenUrl: `${issuer}/token`,
        jwksUrl: `${issuer}/jwks`,
        deploymentIds: [PLATFORM_DEPLOYMENT_ID],
      }),
    );
    const ltiKey = crypto.randomBytes(32).toString("hex");
    const databaseUri = engine.uriFor("mentor-bench");
    const build = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: repoRoot, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`building the server failed:\n${build.stdout}${build.stderr}`);
    const tool = await startChild({
      name: "tool",
      script: "server/build/main.js",
      // The node flags `npm start` uses (package.json config.node_flags), or others to try.
      nodeArgs: (process.env.BENCH_TOOL_NODE_ARGS ?? startConfig().node_flags ?? "").split(/\s+/).filter(Boolean),
      env: {
        MALLOC_ARENA_MAX: process.env.BENCH_TOOL_MALLOC_ARENA_MAX ?? startConfig().malloc_arena_max,
        NODE_ENV: "production",
        PORT: String(toolPort),
        HOST: "127.0.0.1",
        PUBLIC_URL: toolUrl,
        DATA_DIR: path.join(dir, "tool-data"),
        MONGODB_URI: databaseUri,
        LTI_KEY: ltiKey,
        LTI_CONFIG_DIR: configDir,
        DEV_PLATFORM: "false",
      },
      ready: /Mentor Pathways is running at/,
      timeoutMs: 120_000,
      isVerbose: options.isVerbose,
    });
    started.push(tool);

    return {
      dir,
      engine,
      platform: { ...platform, issuer },
      tool: { ...tool, url: toolUrl, ltiKey, databaseUri },
      async stop() {
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
