/**
 * Connects the real bot to a loopback Discord server: registers the commands to each of its
 * servers, then logs in with its token and REST base. The playground and the tests both start
 * the bot this way.
 */
import type { BotConfig } from "../config.ts";
import type { Factdesk } from "../engine/factdesk.ts";
import type { BotOptions } from "../bot/createBot.ts";
import { deployCommands } from "../bot/deployCommands.ts";
import type { Logger } from "../bot/logger.ts";
import { startBot, type RunningBot } from "../bot/runBot.ts";
import { loadKnowledge, type KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import type { LoopbackDiscord } from "../loopback/index.ts";

/** Registers the slash commands in every server of a loopback Discord, as an admin's deploy-commands would. */
export async function deployToLoopback(
  server: LoopbackDiscord,
  store: KnowledgeStore = loadKnowledge(),
): Promise<void> {
  for (const guild of server.guilds)
    await deployCommands(
      {
        apiUrl: server.restBase,
        token: server.token,
        clientId: server.applicationId,
        guildId: guild.id,
      },
      store,
    );
}

export async function startLocalBot(
  server: LoopbackDiscord,
  factdesk: Factdesk,
  logger: Logger,
  config: Pick<BotConfig, "cooldownSeconds"> & Partial<Pick<BotConfig, "answerChannels">>,
  options: Pick<
    BotOptions,
    "globalRequestsPerSecond" | "commands" | "ws" | "channelReplyDeadlineMs" | "metrics"
  > = {},
): Promise<RunningBot> {
  await deployToLoopback(server, factdesk.store);
  return startBot(
    {
      token: server.token,
      apiUrl: server.restBase,
      answerChannels: config.answerChannels ?? [],
      cooldownSeconds: config.cooldownSeconds,
    },
    factdesk,
    logger,
    options,
  );
}
