/**
 * `npm start`: with DISCORD_TOKEN, connects to Discord; without it, in a terminal, starts the
 * local playground (the project's own Discord-compatible server on 127.0.0.1 and the real
 * bot). Bad configuration or knowledge: one line naming the problem, exit 2.
 */
import { ConfigError, loadDotenv, readBotConfig, type BotConfig } from "./ops/config.ts";
import { createFactdesk, type Factdesk } from "./engine/factdesk.ts";
import { KnowledgeError, loadKnowledge } from "./knowledge/loadKnowledge.ts";
import { BotMetrics, startHealthServer } from "./ops/healthServer.ts";
import { createLogger } from "./ops/logger.ts";
import { commands } from "../commands/index.ts";
import { keepAliveOnStrayErrors, startBot, stopOnSignals, type RunningBot } from "./discord/runBot.ts";

function fail(message: string): never {
  process.stderr.write(`factdesk: ${message}\n`);
  process.exit(2);
}

loadDotenv();
let config: BotConfig;
let factdesk: Factdesk;
try {
  config = readBotConfig();
  factdesk = createFactdesk(loadKnowledge(config.knowledgeDir));
} catch (error) {
  if (error instanceof ConfigError || error instanceof KnowledgeError) fail(error.message);
  throw error;
}

if (config.token) {
  const token = config.token;
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: [token] });
  keepAliveOnStrayErrors(logger);
  let running: RunningBot | undefined;
  // Discord closed the gateway for good (a token revoked mid-session, an intent not allowed):
  // finish the replies in flight, say why in one line, exit 2.
  let failing = false;
  const stopThenFail = (reason: string) => {
    if (failing) return;
    failing = true;
    void (running?.stop() ?? Promise.resolve()).finally(() => fail(reason.split(token).join("[redacted]")));
  };
  // Under the shard manager each shard is a process: the port is FACTDESK_HTTP_PORT plus its id.
  const shard = Number(process.env.SHARDS ?? 0) || 0;
  const metrics = config.httpPort === null ? undefined : new BotMetrics({ shard: String(shard) });
  try {
    running = await startBot(config, factdesk, logger, {
      commands,
      globalRequestsPerSecond: config.restRequestsPerSecond,
      onFatal: stopThenFail,
      ...(metrics ? { metrics } : {}),
    });
    if (metrics && config.httpPort !== null) {
      const { port } = await startHealthServer(running.client, metrics, config.httpPort + shard);
      logger.info({ port }, "serving /healthz and /metrics on 127.0.0.1");
    }
    stopOnSignals(running, logger);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(`could not connect to Discord at ${config.apiUrl}: ${message.split(token).join("[redacted]")}`);
  }
} else if (process.stdin.isTTY && process.stdout.isTTY) {
  const { runPlayground } = await import("./playground/runPlayground.ts");
  await runPlayground(factdesk, config);
} else {
  fail(
    "DISCORD_TOKEN is not set, and there is no terminal for the local playground. " +
      "Set DISCORD_TOKEN (see .env.example) to connect to Discord, or run `npm start` in a terminal to try the bot locally.",
  );
}
