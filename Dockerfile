# factdesk: a multi-stage image — build with every dependency, run with production ones only,
# as a non-root user, with the bot as the container's first process (signals reach it).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/loopback-discord/package.json packages/loopback-discord/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/language ./language
COPY --from=build /app/knowledge ./knowledge
COPY --from=build /app/src/engine/decide/calibration.json ./src/engine/decide/calibration.json
COPY --from=build /app/packages/loopback-discord ./packages/loopback-discord
USER node
# DISCORD_TOKEN and the rest come from the environment (compose.yaml reads .env).
CMD ["node", "bin/factdesk.mjs", "main"]
