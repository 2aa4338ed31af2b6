import { ConfigError, loadConfig } from "./config";
import { EmbeddedEngineUnavailable } from "./db/embeddedEngine";
import { PlatformFileError } from "./lti/platformFiles";
import { startTool } from "./boot";

async function main() {
  const config = loadConfig();
  const tool = await startTool(config);
  const where = config.publicUrl;
  // The URI is not printed: it may carry credentials.
  const database = tool.embeddedEngine
    ? `embedded FerretDB/SQLite in ${tool.embeddedEngine.dir}`
    : `${tool.engine.kind === "ferretdb" ? "FerretDB" : "MongoDB"} ${tool.engine.version} from MONGODB_URI`;
  console.log(`Mentor Pathways is running at ${where} (database: ${database})`);
  if (tool.devPlatform) console.log(`Try it without an LMS: open ${where}/dev-platform/ and launch as a mentor, a tutor or a programme lead.`);

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
    console.error(`\nPort ${(err as { port?: number }).port ?? ""} is already in use. Set PORT to another port (e.g. PORT=3001 npm start).\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
