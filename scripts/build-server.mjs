// Compiles the server into one JavaScript file (server/build/main.js) that `npm start` runs with
// plain node: loading every module through tsx at start-up cost ~100 MB of memory for good.
// npm packages stay external (loaded from node_modules as usual), and so do our install scripts
// under scripts/, which find their own files from where they sit.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "server", "build", "main.js");

const keepScriptsExternal = {
  name: "keep-scripts-external",
  setup(b) {
    b.onResolve({ filter: /\/scripts\/[^/]+\.mjs$/ }, (args) => {
      const relative = path.relative(path.dirname(outfile), path.resolve(args.resolveDir, args.path));
      return { path: relative.startsWith(".") ? relative : `./${relative}`, external: true };
    });
  },
};

await build({
  entryPoints: [path.join(root, "server", "src", "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  plugins: [keepScriptsExternal],
  logLevel: "warning",
});
console.log(`Built the server: ${path.relative(root, outfile)}`);
