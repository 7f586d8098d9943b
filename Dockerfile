# One image, two processes (docs/OPERATIONS.md, "Release"): the command picks
#   web:       node bin/server.js            (the default)
#   scheduler: node ace scheduler:work
#   migrate:   node ace migration:run --connection=registry --force, then --connection=omakaiku
# Settings come from the environment (README, "Environment variables"); no
# .env is copied in. scripts/release.sh runs the same steps without Docker.

# Build: all dependencies (the TypeScript compiler is a dev dependency).
FROM node:24-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node ace build

# Runtime: the built app and its production dependencies only.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3333
WORKDIR /app
COPY --from=build /src/build/ ./
# better-sqlite3 and the others install from prebuilt binaries: no compiler here.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The official image's unprivileged user; the files stay root's, so the app
# cannot change its own code.
USER node
EXPOSE 3333
CMD ["node", "bin/server.js"]
