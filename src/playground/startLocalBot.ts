/**
 * Connects the real bot to a loopback Discord server: registers the commands to each of its
 * servers, then logs in with its token and REST base. The playground and the tests both start
 * the bot this way.
 */
import type { BotConfig } from "../ops/config.ts";
import type { Factdesk } from "../engine/factdesk.ts";
import type { BotOptions } from "../discord/createBot.ts";
import type { SlashCommand } from "../discord/slashCommand.ts";
import { deployCommands } from "../discord/deployCommands.ts";
import type { Logger } from "../ops/logger.ts";
import { startBot, type RunningBot } from "../discord/runBot.ts";
import { loadKnowledge, type KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import type { LoopbackDiscord } from "@factdesk/loopback-discord";

/** Registers the slash commands in every server of a loopback Discord, as an admin's deploy-commands would. */
export async function deployToLoopback(
  server: LoopbackDiscord,
  commands: ReadonlyMap<string, SlashCommand>,
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
      commands,
      store,
    );
}

export async function startLocalBot(
  server: LoopbackDiscord,
  factdesk: Factdesk,
  logger: Logger,
  config: Pick<BotConfig, "cooldownSeconds"> & Partial<Pick<BotConfig, "answerChannels">>,
  options: Pick<BotOptions, "commands"> &
    Partial<Pick<BotOptions, "globalRequestsPerSecond" | "ws" | "channelReplyDeadlineMs" | "metrics">>,
): Promise<RunningBot> {
  await deployToLoopback(server, options.commands, factdesk.store);
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
