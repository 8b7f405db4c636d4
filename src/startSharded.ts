/**
 * `npm run start:sharded`: runs the bot under discord.js's ShardingManager, one process per
 * shard. The shard count comes from FACTDESK_SHARD_COUNT, or from Discord's recommendation
 * (GET /gateway/bot) when "auto"; FACTDESK_SHARD_LIST picks the shards this machine runs, so
 * shards can be spread over machines. SIGINT/SIGTERM stop every shard gracefully, then exit 0.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from "discord.js";
import { ConfigError, loadDotenv, readBotConfig, type BotConfig } from "./ops/config.ts";
import { createLogger } from "./ops/logger.ts";

const fail = (message: string): never => {
  process.stderr.write(`factdesk: ${message}\n`);
  process.exit(2);
};

loadDotenv();
let config: BotConfig;
try {
  config = readBotConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const token = config.token ?? fail("DISCORD_TOKEN: is not set; sharding needs the bot token");
const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: [token] });

/** Discord's recommended shard count, asked of the configured API (so it works against the loopback server too). */
async function recommendedShardCount(): Promise<number> {
  const rest = new REST({ api: config.apiUrl }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}

let totalShards: number;
try {
  totalShards = config.shardCount === "auto" ? await recommendedShardCount() : config.shardCount;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `factdesk: could not ask Discord at ${config.apiUrl} for the shard count (set FACTDESK_SHARD_COUNT to skip): ${message.split(token).join("[redacted]")}\n`,
  );
  process.exit(1);
}
// Each shard runs the bundle's main.js beside this one, or src/main.ts through tsx (resolved from
// here, so any working folder works).
const bundled = import.meta.url.endsWith(".js");
const manager = new ShardingManager(
  path.join(path.dirname(fileURLToPath(import.meta.url)), bundled ? "main.js" : "main.ts"),
  {
    token,
    totalShards,
    shardList: config.shardList,
    respawn: true,
    execArgv: bundled ? [] : ["--import", import.meta.resolve("tsx")],
  },
);
// Policy: a shard that dies of a crash is respawned; one that exits 2 (bad configuration, or
// Discord closing the gateway for good: a revoked token, an intent not allowed) would only fail
// again, so every shard is stopped and the manager exits 2 — its line is already on stderr.
manager.on("shardCreate", (shard) => {
  logger.info({ shard: shard.id, totalShards }, "shard created");
  shard.on("death", (child) => {
    const code = "exitCode" in child ? child.exitCode : null;
    if (code === 2 && !stopping) {
      logger.error(
        { shard: shard.id },
        "shard stopped on a fatal configuration or gateway error; stopping every shard",
      );
      void stop("SIGTERM", 2);
      return;
    }
    logger.warn({ shard: shard.id, code }, "shard process exited");
  });
});

let stopping = false;
const stop = async (signal: NodeJS.Signals, exitCode = 0) => {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, "stopping shards");
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  process.exit(exitCode);
};
process.on("SIGINT", (s) => void stop(s));
process.on("SIGTERM", (s) => void stop(s));

try {
  await manager.spawn({ amount: totalShards, delay: config.shardSpawnDelayMs });
  logger.info({ shards: [...manager.shards.keys()] }, "all shards ready");
} catch (error) {
  logger.error({ err: error }, "spawning shards failed");
  fail(
    `could not start the shards: ${error instanceof Error ? error.message.split(token).join("[redacted]") : String(error)}`,
  );
}
