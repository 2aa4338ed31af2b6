import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The server's modules import one another without a circle: a circle once ran through the
// read-repair of marks (creditAwarder → programmeInForce → moduleProgress → markModuleWork →
// creditAwarder), and circles make load order, and so which export is still undefined, a matter of luck.

const root = path.resolve("server/src");

/** The relative modules a source file loads at run time (type-only imports are erased). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of source.matchAll(
    /^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gm,
  )) {
    const base = path.resolve(path.dirname(file), (m[1] ?? m[2]).replace(/\.js$/, ""));
    const hit = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) =>
      fs.existsSync(candidate),
    );
    if (hit) found.push(hit);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every circle in the import graph, each as the chain of files that closes it. */
function importCircles(files: string[]): string[] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const circles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const chain: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    chain.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open")
        circles.push([...chain.slice(chain.indexOf(next)), next].map((f) => path.relative(root, f)).join(" → "));
      else if (!state.has(next)) visit(next);
    }
    chain.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return circles;
}

describe("the server's imports", () => {
  it("form no circle", () => {
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(100);
    expect(importCircles(files)).toEqual([]);
  });
});
