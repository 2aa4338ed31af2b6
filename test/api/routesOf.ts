import { createApp } from "../../server/src/app";
import type { RunningTool } from "../../server/src/boot";

interface Layer {
  name: string;
  regexp: RegExp;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** The path a router was mounted at, read back from the pattern express 4 compiled it into. */
function mountPath(layer: Layer): string {
  const source = layer.regexp.source;
  const path = source.replace(/^\^/, "").replace("\\/?(?=\\/|$)", "").replace(/\\\//g, "/");
  if (/[()[\]*+?$|]/.test(path)) throw new Error(`cannot read the mount path of ${source}`);
  return path;
}

/**
 * Every GET route the tool's express app serves, as full paths ("/api/evidence/:evidenceId"),
 * read from the app itself so that a route added later is walked without anyone listing it.
 */
export function getRoutesOf(tool: RunningTool): string[] {
  // The same app the tool serves, built from the same parts (it is never listened on).
  const app = createApp(tool.deps) as unknown as { _router: { stack: Layer[] } };
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (!layer.route.methods.get) continue;
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== "string")
            throw new Error(`a GET route at "${prefix}" has a pattern for a path: ${String(path)}`);
          found.push(`${prefix}${path}`.replace(/(.)\/$/, "$1"));
        }
      } else if (layer.name === "router" && layer.handle.stack) {
        walk(layer.handle.stack, prefix + mountPath(layer));
      }
    }
  };
  walk(app._router.stack, "");
  return [...new Set(found)];
}
