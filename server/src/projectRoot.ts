import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's folder (the one holding our package.json), found from this module's location
 * rather than a fixed number of `..`: the server runs both from its TypeScript sources and from
 * the compiled bundle in server/build, which sit at different depths.
 */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "mentor-pathways"
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`Mentor Pathways' package.json was not found above ${start}.`);
  }
}
