import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const clientDir = fileURLToPath(new URL(".", import.meta.url));

// The config lives in client/ but `npm run build` runs from the repo root, so
// every path is anchored to this file rather than to process.cwd().
export default defineConfig({
  root: clientDir,
  base: "/app/",
  plugins: [react()],
  resolve: {
    alias: {
      "@contracts": fileURLToPath(new URL("../server/src/contracts", import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // Keeps the initial-JS budget (200 KB gzipped) visible on every build.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // For `npx vite --config client/vite.config.ts` beside the API (`npm run dev`, PORT 3000).
    proxy: { "/api": "http://localhost:3000" },
  },
});
