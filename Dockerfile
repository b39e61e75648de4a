# syntax=docker/dockerfile:1
# The production image: compiled in one stage with every dependency, run in another with production dependencies
# only, as an unprivileged user, with the command `npm run start:prod` stands for (`node dist/server.js`, the bundle
# scripts/bundle.mjs builds; node itself
# is PID 1 and handles SIGTERM: it stops accepting, drains background work, and exits).
#
#   docker build -t headless-auth-gateway .
#   docker run --env-file .env -p 4000:4000 headless-auth-gateway
#
# Configuration is environment only (README.md, "Configuration"); deploy/compose.yaml runs two instances on Redis
# behind a proxy.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-assets.mjs scripts/bundle.mjs ./scripts/
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
# A bounded heap: live data stays around 50 MB (Redis holds the shared state), and unbounded V8 let the old
# generation grow to several times that before collecting (RSS near 300 MB after a burst) and the young generation
# to 32 MB. Bounded, RSS stays near 135 MB after two bursts with no throughput lost that the bench can see (README,
# "Benchmarks"). Raise the old generation for SINGLE_INSTANCE deployments, whose rate-limit counters and queued jobs
# live in this heap.
ENV NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=8"
# Node's module compile cache (22+): a restart of this container reuses the compiled code of the bundle's chunks and
# the sandbox instead of compiling them again (sandbox-mode start-up 1,020 → 850 ms median on Node 24, README
# "Benchmarks"). /tmp: writable by the unprivileged user; mount a volume there to keep it across containers.
ENV NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# Liveness is the process only (/health); orchestrators should route traffic on /ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]
