/**
 * Starts the loopback Discord server and the real factdesk bot (discord.js client, real HTTP
 * and WebSocket on 127.0.0.1), with commands registered to the test guilds and every log line
 * captured, for end-to-end tests.
 */
import { Writable } from "node:stream";
import type { ClientOptions } from "discord.js";
import { testFactdesk } from "./testFactdesk.ts";
import { createLogger } from "../../src/ops/logger.ts";
import type { RunningBot } from "../../src/discord/runBot.ts";
import { startLocalBot } from "../../src/playground/startLocalBot.ts";
import type { SlashCommand } from "../../src/discord/slashCommand.ts";
import type { BotMetrics } from "../../src/ops/healthServer.ts";
import { LoopbackDiscord, type LoopbackDiscordOptions } from "@factdesk/loopback-discord";
import { commands } from "../../commands/index.ts";

export interface TestBot {
  server: LoopbackDiscord;
  bot: RunningBot;
  /** Every log line the bot wrote, as written. */
  logs: string[];
  stop(): Promise<void>;
}

/** Resumes and re-identifies at once (discord.js otherwise waits ~5 s between IDENTIFYs). */
export const NO_IDENTIFY_WAIT: ClientOptions["ws"] = {
  buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }),
};

export async function startTestBot(
  options: {
    server?: LoopbackDiscordOptions;
    cooldownSeconds?: number;
    commands?: ReadonlyMap<string, SlashCommand>;
    answerChannels?: string[];
    metrics?: BotMetrics;
    /** How long a reply to a message keeps retrying (default 4 s, so that a failing reply gives up within a test's waits). */
    channelReplyDeadlineMs?: number;
  } = {},
): Promise<TestBot> {
  const server = await LoopbackDiscord.start(options.server ?? {});
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    secrets: [server.token],
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    }),
  });
  const bot = await startLocalBot(
    server,
    testFactdesk(),
    logger,
    { cooldownSeconds: options.cooldownSeconds ?? 0, answerChannels: options.answerChannels ?? [] },
    {
      globalRequestsPerSecond: 10_000,
      ws: NO_IDENTIFY_WAIT,
      // A reply that keeps failing gives up within the tests' waits.
      channelReplyDeadlineMs: options.channelReplyDeadlineMs ?? 4_000,
      ...(options.metrics ? { metrics: options.metrics } : {}),
      commands: options.commands ?? commands,
    },
  );
  await new Promise<void>((resolve) =>
    bot.client.isReady() ? resolve() : bot.client.once("clientReady", () => resolve()),
  );
  return {
    server,
    bot,
    logs,
    stop: async () => {
      await bot.stop();
      await server.close();
    },
  };
}

/** A distinct user for each call, so per-user cooldowns never couple tests. */
let userCounter = 0;
export function newUser(): { id: string; username: string } {
  userCounter += 1;
  return {
    id: (BigInt("300000000000000000") + BigInt(userCounter)).toString(),
    username: `asker-${userCounter}`,
  };
}
