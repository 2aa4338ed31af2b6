// Compiles the server into one JavaScript file (server/build/main.js) that `npm start` runs with
// plain node: loading every module through tsx at start-up cost ~100 MB of memory for good.
// npm packages stay external (loaded from node_modules as usual), and so do our install scripts
// under scripts/, which find their own files from where they sit. The development platform
// (packages/dev-platform, TypeScript) is compiled into a file of its own beside it,
// server/build/dev-platform.js, which main.js imports only when the platform is on.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "server", "build", "main.js");
const devPlatformOutfile = path.join(root, "server", "build", "dev-platform.js");

const keepScriptsExternal = {
  name: "keep-scripts-external",
  setup(b) {
    b.onResolve({ filter: /\/scripts\/[^/]+\.mjs$/ }, (args) => {
      const relative = path.relative(path.dirname(outfile), path.resolve(args.resolveDir, args.path));
      return { path: relative.startsWith(".") ? relative : `./${relative}`, external: true };
    });
  },
};

// The workspace package points at its TypeScript sources, which plain node cannot load.
const devPlatformApart = {
  name: "dev-platform-apart",
  setup(b) {
    b.onResolve({ filter: /^@mentor-pathways\/dev-platform$/ }, () => ({
      path: `./${path.basename(devPlatformOutfile)}`,
      external: true,
    }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: [path.join(root, "packages", "dev-platform", "src", "index.ts")],
  outfile: devPlatformOutfile,
});
await build({
  ...common,
  entryPoints: [path.join(root, "server", "src", "main.ts")],
  outfile,
  plugins: [keepScriptsExternal, devPlatformApart],
});
console.log(`Built the server: ${path.relative(root, outfile)} (and ${path.relative(root, devPlatformOutfile)})`);
