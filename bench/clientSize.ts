import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { repoRoot } from "./lib/children";
import { kb, type Figure } from "./lib/table";

const BUDGET_BYTES = 200 * 1024;

/**
 * Figure 6: builds the client with the production config into a temporary folder (client/dist,
 * which a running tool may be serving, is left alone) and reports raw and gzipped sizes. The
 * initial JavaScript is what index.html loads before anything else: its module script and the
 * chunks it preloads; lazily imported chunks are listed but not counted.
 */
export async function benchClientSize(): Promise<Figure[]> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mentor-bench-client-"));
  try {
    const vite = path.join(repoRoot, "node_modules", "vite", "bin", "vite.js");
    const build = spawnSync(
      process.execPath,
      [vite, "build", "--config", "client/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    if (build.status !== 0) throw new Error(`client build failed:\n${build.stdout}\n${build.stderr}`);

    const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
    const initial = new Set<string>();
    for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(path.basename(m[1]));
    for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
      initial.add(path.basename(m[1]));

    const assets = path.join(outDir, "assets");
    const files = fs.readdirSync(assets).filter((f) => f.endsWith(".js") || f.endsWith(".css"));
    const sizes = files.map((file) => {
      const content = fs.readFileSync(path.join(assets, file));
      return {
        file,
        raw: content.length,
        gzip: zlib.gzipSync(content, { level: 9 }).length,
        isInitial: initial.has(file),
      };
    });
    const initialJs = sizes.filter((s) => s.isInitial);
    const initialGzip = initialJs.reduce((sum, s) => sum + s.gzip, 0);
    const initialRaw = initialJs.reduce((sum, s) => sum + s.raw, 0);
    const figures: Figure[] = [
      {
        section: "6 client",
        name: "initial JavaScript, gzipped",
        value: kb(initialGzip),
        target: "≤ 200 KB",
        isMet: initialGzip <= BUDGET_BYTES,
        note: `${initialJs.length} file(s), ${kb(initialRaw)} raw (deterministic: one build)`,
      },
    ];
    for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) {
      figures.push({
        section: "6 client",
        name: `  ${s.file}${s.isInitial ? " (initial)" : s.file.endsWith(".css") ? " (css)" : " (lazy)"}`,
        value: kb(s.gzip),
        note: `${kb(s.raw)} raw`,
      });
    }
    return figures;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
