import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["server/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "test/**/*.test.ts", "client/src/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    // Each file gets its own process: ltijs and mongoose keep process-wide state.
    pool: "forks",
    // Two cores on CI: more workers only contend for the one database engine.
    maxWorkers: 2,
    // Generous: browser journeys take ~20 s alone and several times that on a loaded 2-core machine.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // On CI a JSON report as well, from which .ci/run prints the plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: "test-results/vitest.json" }]] : ["default"],
  },
});
