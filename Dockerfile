# syntax=docker/dockerfile:1
# jfrog-oidc-rollout: build with the dev toolchain, run with production dependencies only, as a non-root user.
# Secrets (JFROG_ACCESS_TOKEN, PRIVATE_KEY, WEBHOOK_SECRET) come from the runtime environment or mounted files,
# never from the image.

# Current Node.js LTS (26 entered Active LTS in October 2026).
ARG NODE_VERSION=26

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-slim
# HOST: listen on every interface, or only the container's own loopback would see GitHub's deliveries (and the
# health check, also on loopback, would call that healthy).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json app.yml ./
# The image's built-in unprivileged user.
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG once the server is up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
