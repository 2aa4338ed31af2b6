// `npm start` builds what is missing or older than its sources — the web client (Vite) and the
// compiled server (esbuild) — so a fresh checkout needs no separate build step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function ensure(what, built, sources, command) {
  const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  const output = path.join(root, built);
  if (fs.existsSync(output) && fs.statSync(output).mtimeMs >= sourceTime) return;
  console.log(`Building ${what}...`);
  const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensure(
  "the web client",
  "client/dist/index.html",
  ["client/src", "client/index.html", "server/src/contracts"],
  ["npm", "run", "--silent", "build:client"],
);
ensure(
  "the server",
  "server/build/main.js",
  ["server/src", "packages/dev-platform/src", "scripts/build-server.mjs"],
  ["npm", "run", "--silent", "build:server"],
);
