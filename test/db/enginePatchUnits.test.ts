import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../server/src/projectRoot";

// The Go tests that come with our engine patch (tools/embedded-db/_patch/**/mp_*_test.go), run in
// the patched FerretDB copy the install step builds from, so they gate CI like every other test.
const patched = path.join(projectRoot, "tools", "embedded-db", ".build", "ferretdb");
const patchDir = path.join(projectRoot, "tools", "embedded-db", "_patch");
const hasGo = spawnSync("go", ["version"], { stdio: "ignore" }).status === 0;
const packages: Record<string, string> = {
  sjson: "./internal/handler/sjson/",
  sqlite: "./internal/backends/sqlite/",
  metadata: "./internal/backends/sqlite/metadata/",
  handler: "./internal/handler/",
};

describe.skipIf(!hasGo || !fs.existsSync(patched))("the engine patch's own Go tests", () => {
  for (const [pkg, goPackage] of Object.entries(packages)) {
    const tests = fs.existsSync(path.join(patchDir, pkg))
      ? fs.readdirSync(path.join(patchDir, pkg)).filter((f) => /^mp_.*_test\.go$/.test(f))
      : [];
    if (tests.length === 0) continue;
    it(`${pkg}: ${tests.join(", ")}`, () => {
      const names = tests.flatMap((file) =>
        [...fs.readFileSync(path.join(patchDir, pkg, file), "utf8").matchAll(/^func (Test\w+)\(/gm)].map((m) => m[1]),
      );
      expect(names.length).toBeGreaterThan(0);
      const run = spawnSync("go", ["test", "-count=1", "-v", "-run", `^(${names.join("|")})$`, goPackage], {
        cwd: patched,
        encoding: "utf8",
        env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod" },
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      // Every named test ran (a filter that matches nothing would pass silently).
      for (const name of names) expect(run.stdout).toContain(`--- PASS: ${name}`);
    });
  }
});
