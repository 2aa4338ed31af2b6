import { ConfigError, loadConfig, type Config } from "./config";
import { EmbeddedEngineUnavailable } from "./db/embeddedEngine";
import { PlatformFileError } from "./lti/platformFiles";
import { startTool } from "./boot";

/** The start line about the development platform: whether it is on, and how to turn it on or off. */
function devPlatformLine(config: Config, isOn: boolean): string {
  if (isOn) {
    return `Development platform: on. Try it without an LMS: open ${config.publicUrl}/dev-platform/ and launch as a mentor, a tutor or a programme lead. (Set DEV_PLATFORM=off to turn it off.)`;
  }
  if (config.env === "production") return "Development platform: off (it cannot be turned on in production).";
  return "Development platform: off. Set DEV_PLATFORM=on to turn it on (it is on by default only for `npm start` with a PUBLIC_URL on this machine).";
}

async function main() {
  const config = loadConfig();
  const tool = await startTool(config);
  const where = config.publicUrl;
  // The URI is not printed: it may carry credentials.
  const database = tool.embeddedEngine
    ? `embedded FerretDB/SQLite in ${tool.embeddedEngine.dir}`
    : `${tool.engine.kind === "ferretdb" ? "FerretDB" : "MongoDB"} ${tool.engine.version} from MONGODB_URI`;
  console.log(`Mentor Pathways is running at ${where} (database: ${database})`);
  console.log(devPlatformLine(config, tool.devPlatform !== null));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}; shutting down...`);
    await tool.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedEngineUnavailable || err instanceof PlatformFileError) {
    console.error(`\n${err.message}\n`);
  } else if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(
      `\nPort ${(err as { port?: number }).port ?? ""} is already in use. Set PORT to another port (e.g. PORT=3001 npm start).\n`,
    );
  } else {
    console.error(err);
  }
  process.exit(1);
});
