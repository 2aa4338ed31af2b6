# Production image: the tool against an external MongoDB (MONGODB_URI), no embedded engine.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# node:20 ships npm 10, which cannot install Vite 8's dependency tree.
RUN npm install -g npm@11
COPY package.json package-lock.json ./
# The install step's postinstall (scripts/build-embedded-db.mjs) reads these; it skips the build here.
COPY scripts ./scripts
COPY tools/embedded-db ./tools/embedded-db
# The workspace (the development platform) must be there for npm ci to link it.
COPY packages/dev-platform/package.json ./packages/dev-platform/
ENV MP_SKIP_EMBEDDED_DB=1
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g npm@11
ENV NODE_ENV=production MP_SKIP_EMBEDDED_DB=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY tools/embedded-db ./tools/embedded-db
# Linked but never loaded here unless DEV_PLATFORM is set: the build's server/build/dev-platform.js is.
COPY packages/dev-platform/package.json ./packages/dev-platform/
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/client/dist ./client/dist
COPY server ./server
COPY --from=build /app/server/build ./server/build
COPY lti-config ./lti-config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# package.json's config.node_flags and config.malloc_arena_max, as `npm start` passes them: a
# smaller young generation, an old generation that grows by half its live size between full
# collections (V8 lets it reach about four times), and fewer malloc arenas keep the server's
# memory under load well within 250 MB (see README, Performance).
ENV MALLOC_ARENA_MAX=2
# Healthy once the tool serves requests: GET /health/ready is 200 when started and connected to the
# database (503 with Retry-After while starting or stopping; /health/live answers throughout).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "server/build/main.js"]
