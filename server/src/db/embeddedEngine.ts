import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { embeddedDbBinaryPath } from "../../../scripts/embedded-db-path.mjs";
import { projectRoot } from "../projectRoot";

/** A running embedded engine (FerretDB over SQLite, see tools/embedded-db). */
export interface EmbeddedEngine {
  uri: string;
  dir: string;
  pid: number;
  /** Resolves once the engine process has exited, however it was stopped (tests kill it with SIGKILL). */
  exited: Promise<void>;
  /** Stops the engine cleanly (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/** Thrown when the embedded engine cannot be started; the message says what to do. */
export class EmbeddedEngineUnavailable extends Error {
  override name = "EmbeddedEngineUnavailable";
}

const howToFix =
  "Choose one:\n" +
  "  - install Go (https://go.dev/dl/), then run `npm install` again to build the embedded database;\n" +
  "  - set MONGODB_URI to a MongoDB server (e.g. MONGODB_URI=mongodb://localhost:27017/mentor-pathways);\n" +
  "  - or run everything with `docker compose up`.";

/**
 * Path of the engine binary, building it first if Go is available but the build is missing.
 * The parameters exist for tests; the defaults are the real binary and the real PATH.
 */
export function resolveEngineBinary(
  binary = embeddedDbBinaryPath(),
  hasGo = spawnSync("go", ["version"], { stdio: "ignore" }).status === 0,
): string {
  if (fs.existsSync(binary)) return binary;
  if (hasGo) {
    spawnSync(process.execPath, [path.join(projectRoot, "scripts", "build-embedded-db.mjs")], {
      stdio: "inherit",
    });
    if (fs.existsSync(binary)) return binary;
  }
  throw new EmbeddedEngineUnavailable(
    `Mentor Pathways needs a database. MONGODB_URI is not set and the embedded database engine is not built${
      hasGo ? " (the Go build failed; see above)" : " because Go is not installed"
    }.\n${howToFix}`,
  );
}

/** Starts the embedded engine storing its files in `dir`, and resolves once it accepts connections. */
export async function startEmbeddedEngine(dir: string, options: { port?: number } = {}): Promise<EmbeddedEngine> {
  const binary = resolveEngineBinary();
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(binary, ["-dir", dir, "-port", String(options.port ?? 0)], {
    // stdin stays an open pipe: the engine exits when it closes, so it never outlives us.
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error("did not start within 30 seconds")), 30_000);
    function fail(err: Error) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(
        new EmbeddedEngineUnavailable(
          `The embedded database engine failed to start: ${err.message}\n${stderr.join("").trim()}\n${howToFix}`,
        ),
      );
    }
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line).uri as string);
      } catch {
        fail(new Error(`unexpected output: ${line}`));
      }
    });
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`exited with code ${code}`)));
  });
  child.removeAllListeners("exit");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return {
    uri,
    dir,
    pid: child.pid!,
    exited,
    stop: () => stopChild(child),
  };
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited within five seconds. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
