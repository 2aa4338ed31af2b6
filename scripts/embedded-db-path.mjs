// Where the embedded database engine binary lives, keyed by a hash of its sources so an
// updated engine is rebuilt rather than reused. Shared by the install step and the server.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "tools", "embedded-db");

export function embeddedDbBinaryPath() {
  const hash = crypto.createHash("sha256");
  for (const name of ["go.mod", "go.sum", "main.go"]) hash.update(fs.readFileSync(path.join(sourceDir, name)));
  return path.join(sourceDir, "bin", `embedded-db-${hash.digest("hex").slice(0, 12)}`);
}
