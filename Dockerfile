# syntax=docker/dockerfile:1
# Multi-stage build of the StreamFlow churn platform: Next.js standalone output, run as a non-root user.
# Point DATABASE_URL at PostgreSQL (see compose.yaml); migrations run when the server first opens the database.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system --gid 1001 streamflow && useradd --system --uid 1001 --gid streamflow streamflow \
  && mkdir -p /app/.data && chown streamflow:streamflow /app/.data
COPY --from=build --chown=streamflow:streamflow /app/.next/standalone ./
COPY --from=build --chown=streamflow:streamflow /app/.next/static ./.next/static
COPY --from=build --chown=streamflow:streamflow /app/public ./public
COPY --from=build --chown=streamflow:streamflow /app/db/migrations ./db/migrations
COPY --from=build --chown=streamflow:streamflow /app/models ./models
USER streamflow
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
