// Install step: builds the embedded MongoDB-compatible engine (FerretDB + SQLite, pure Go)
// from the Go module proxy. Never fails the install: without Go the tool still runs against
// MONGODB_URI, and `npm start` explains what to do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { embeddedDbBinaryPath, sourceDir } from "./embedded-db-path.mjs";
import { preparePatchedFerretDB } from "./patch-ferretdb.mjs";

const target = embeddedDbBinaryPath();
if (process.env.MP_SKIP_EMBEDDED_DB === "1") {
  console.log("embedded-db: skipped (MP_SKIP_EMBEDDED_DB=1)");
} else if (fs.existsSync(target)) {
  console.log(`embedded-db: ready (${path.relative(process.cwd(), target)})`);
} else if (spawnSync("go", ["version"], { stdio: "ignore" }).status !== 0) {
  console.warn(
    "embedded-db: Go is not installed, so the embedded database was not built.\n" +
      "  Install Go (https://go.dev/dl/) and run `npm install` again, or set MONGODB_URI to a MongoDB server, or use `docker compose up`.",
  );
} else {
  console.log("embedded-db: building FerretDB (SQLite backend) with Go; the first build takes a minute or two...");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  let patched = true;
  try {
    preparePatchedFerretDB(sourceDir);
  } catch (error) {
    patched = false;
    console.warn(String(error instanceof Error ? error.message : error));
  }
  const result = patched
    ? spawnSync("go", ["build", "-trimpath", "-o", tmp, "."], {
        cwd: sourceDir,
        stdio: "inherit",
        env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod" },
      })
    : { status: 1 };
  if (result.status === 0) {
    fs.renameSync(tmp, target);
    console.log(`embedded-db: built ${path.relative(process.cwd(), target)}`);
  } else {
    fs.rmSync(tmp, { force: true });
    console.warn("embedded-db: the build failed (see above). Set MONGODB_URI to use a MongoDB server instead.");
  }
}
