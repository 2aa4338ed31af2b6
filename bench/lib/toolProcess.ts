/**
 * The tool as a separate process for the passback benchmark: the real startTool() with its
 * gradebook worker, registered against a development platform running elsewhere. The parent
 * SIGKILLs it mid-run to prove nothing is lost. Settings come from BENCH_* environment values.
 */
import { loadConfig } from "../../server/src/config";
import { startTool } from "../../server/src/boot";

const env = process.env;
const config = loadConfig({
  NODE_ENV: "test",
  PORT: env.BENCH_TOOL_PORT,
  HOST: "127.0.0.1",
  PUBLIC_URL: `http://127.0.0.1:${env.BENCH_TOOL_PORT}`,
  DATA_DIR: env.BENCH_DATA_DIR,
  MONGODB_URI: env.BENCH_MONGODB_URI,
  LTI_KEY: "bench-lti-key-0123456789abcdef0123456789abcdef",
  LTI_CONFIG_DIR: env.BENCH_LTI_CONFIG_DIR,
  DEV_PLATFORM: "false",
});

const tool = await startTool(config, {
  databaseName: env.BENCH_DB_NAME,
  gradebook: {
    rosterIntervalMs: 0,
    worker: {
      concurrency: Number(env.BENCH_CONCURRENCY ?? 4),
      pollMs: 50,
      timeoutMs: 1_000,
      leaseMs: 5_000,
      batchSize: 400,
      backoff: { baseMs: 100, maxMs: 2_000, maxAttempts: 1_000 },
    },
  },
});
console.log(`tool ready ${tool.url}`);
const stop = () => void tool.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
