// Where the embedded database engine binary lives, keyed by a hash of its sources so an
// updated engine is rebuilt rather than reused. Shared by the install step and the server.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { patchInputs } from "./patch-ferretdb.mjs";

export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "tools", "embedded-db");

export function embeddedDbBinaryPath() {
  const hash = crypto.createHash("sha256");
  const inputs = ["go.mod", "go.sum", "main.go"].map((name) => path.join(sourceDir, name));
  for (const file of [...inputs, ...patchInputs(sourceDir)]) hash.update(fs.readFileSync(file));
  return path.join(sourceDir, "bin", `embedded-db-${hash.digest("hex").slice(0, 12)}`);
}
