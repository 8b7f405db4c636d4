/**
 * Builds the discord.js client for factdesk: intents (no privileged one unless answer
 * channels are configured), mentions off client-wide, the REST base from configuration, and
 * the interaction and message handlers wired to the one answer engine.
 */
import {
  ActivityType,
  Client,
  Events,
  GatewayIntentBits,
  Options,
  Partials,
  RESTEvents,
  type ClientOptions,
} from "discord.js";
import { truncate } from "./discordLimits.ts";
import type { KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import { describeSources } from "../view/citationLabel.ts";
import type { BotConfig } from "../ops/config.ts";
import type { Factdesk } from "../engine/factdesk.ts";
import { Cooldown } from "./cooldown.ts";
import { ReconnectWatch } from "./reconnectWatch.ts";
import { routeInteraction, routeMessage } from "./router.ts";
import type { Logger } from "../ops/logger.ts";
import type { BotMetrics } from "../ops/healthServer.ts";
import type { SlashCommand } from "./slashCommand.ts";
import { CHANNEL_MESSAGE_DEADLINE_MS, NO_MENTIONS } from "./respond.ts";

export interface BotOptions {
  config: Pick<BotConfig, "apiUrl" | "answerChannels" | "cooldownSeconds">;
  factdesk: Factdesk;
  logger: Logger;
  /** REST requests per second across the client (Discord's global limit is 50). */
  globalRequestsPerSecond?: number;
  /** The commands to route to (commands/index.ts: the entry points pass them in). */
  commands: ReadonlyMap<string, SlashCommand>;
  /** Gateway options passed to discord.js as they are (tests: a no-op identify throttle). */
  ws?: ClientOptions["ws"];
  /** How long a reply to a message keeps retrying Discord's failures (default CHANNEL_MESSAGE_DEADLINE_MS). */
  channelReplyDeadlineMs?: number;
  /** Called once Discord closes the gateway for good (a revoked token, intents not allowed…), with why. */
  onFatal?: (reason: string) => void;
  /** Where questions, latency, retries and reconnects are counted (FACTDESK_HTTP_PORT). */
  metrics?: BotMetrics;
}

export interface Bot {
  client: Client;
  /** Handlers still running; shutdown waits for them. */
  inFlight(): number;
  /** Resolves when every running handler has finished. */
  drain(): Promise<void>;
}

/**
 * Resolves after the event loop's pending I/O: each question is answered in the loop's check
 * phase, after the replies whose responses have already arrived are settled. Under load this
 * lets a channel's queued reply go out before new questions are worked on (discord.js sends a
 * channel's messages one at a time), which took the load test's p99 from 43–46 ms to 31–36 ms
 * in interleaved runs; order is kept (setImmediate is first in, first out).
 */
const afterIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createBot({
  config,
  factdesk,
  logger,
  globalRequestsPerSecond = 50,
  commands,
  ws,
  channelReplyDeadlineMs = CHANNEL_MESSAGE_DEADLINE_MS,
  onFatal,
  metrics,
}: BotOptions): Bot {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (config.answerChannels.length > 0) intents.push(GatewayIntentBits.MessageContent);
  const client = new Client({
    intents,
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    // The bot answers each message and interaction as it comes and never looks one up again:
    // caching messages, users, members and presences would only cost memory and time.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      // Every asker would otherwise stay cached for the life of the process.
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      PresenceManager: 0,
      ReactionManager: 0,
      ThreadMemberManager: 0,
    }),
    // Discord's 5xx are retried by retryRequest.ts, with backoff and within each reply's deadline.
    rest: { api: config.apiUrl, globalRequestsPerSecond, retries: 0 },
    // A presence line saying what to ask about, from the store.
    presence: {
      status: "online",
      activities: [{ type: ActivityType.Custom, name: "factdesk", state: presenceLine(factdesk.store) }],
    },
    ...(ws ? { ws } : {}),
  });
  const context = {
    factdesk,
    cooldown: new Cooldown(config.cooldownSeconds),
    logger,
    channelReplyDeadlineMs,
    metrics,
  };
  const answerChannels = new Set(config.answerChannels);
  const running = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const started = process.hrtime.bigint();
    running.add(work);
    void work.finally(() => {
      running.delete(work);
      metrics?.answerSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    });
  };

  // A dispatch seen twice (Discord may send one again after a reconnect) is answered once.
  const seen = new RecentIds(SEEN_DISPATCHES);
  client.on(Events.InteractionCreate, (interaction) => {
    if (seen.add(interaction.id))
      track(afterIo().then(() => routeInteraction(interaction, context, commands)));
  });
  client.on(Events.MessageCreate, (message) => {
    const botUserId = client.user?.id;
    if (botUserId && seen.add(message.id))
      track(afterIo().then(() => routeMessage(message, { botUserId, answerChannels }, context)));
  });
  client.once(Events.ClientReady, (ready) =>
    logger.info(
      { user: ready.user.id, guilds: ready.guilds.cache.size, shards: ready.ws.shards.size },
      "ready",
    ),
  );
  client.on(Events.Error, (error) => logger.error({ err: error }, "client error"));
  // discord.js waits out a 429 and retries by itself; say so once per 429 received.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429)
      logger.warn(
        { route: request.route, method: request.method, retryAfter: response.headers.get("retry-after") },
        "rate limited by Discord; retrying after the wait it asked for",
      );
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.debug(
      { route: info.route, method: info.method, waitMs: info.timeToReset },
      "waiting for a rate-limit bucket",
    ),
  );
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => {
    const fatal = FATAL_CLOSE_CODES.get(event.code);
    if (fatal === undefined) {
      logger.warn({ shard, code: event.code }, "shard disconnected");
      return;
    }
    // Discord will not take this connection back: say why, once, and let the process stop.
    logger.error({ shard, code: event.code }, fatal);
    onFatal?.(`${fatal} (gateway close ${event.code})`);
  });
  const reconnects = new ReconnectWatch();
  const backOnline = (shard: number) => {
    const back = reconnects.connected(shard);
    if (back)
      logger.info(
        { shard, attempts: back.attempts, seconds: Math.round(back.failingForMs / 1000) },
        "reached Discord's gateway again",
      );
  };
  client.on(Events.ShardReady, (shard) => backOnline(shard));
  client.on(Events.ShardResume, (shard, replayed) => {
    logger.info({ shard, replayed }, "shard resumed");
    backOnline(shard);
  });
  client.on(Events.ShardReconnecting, (shard) => {
    metrics?.reconnects.inc({ shard: String(shard) });
    const report = reconnects.reconnecting(shard);
    if (report && report.level !== "info")
      logger[report.level](
        { shard, attempts: report.attempts, seconds: Math.round(report.failingForMs / 1000) },
        report.attempts === 1
          ? "shard reconnecting"
          : "cannot reach Discord's gateway yet; still trying (logged at attempts 1, 2, 4, 8…)",
      );
  });

  return {
    client,
    inFlight: () => running.size,
    drain: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** How many recent dispatch ids are remembered to answer each once. */
const SEEN_DISPATCHES = 10_000;

/** A bounded set of recent ids: the oldest are forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}

/** Gateway close codes after which Discord will not take the connection back, and what an admin must do. */
const FATAL_CLOSE_CODES: ReadonlyMap<number, string> = new Map([
  [
    4004,
    "Discord rejected the bot token (authentication failed): it was reset or revoked; set a new DISCORD_TOKEN",
  ],
  [
    4010,
    "Discord rejected the shard settings (invalid shard); check FACTDESK_SHARD_COUNT and FACTDESK_SHARD_LIST",
  ],
  [4011, "Discord requires sharding for this many servers; run npm run start:sharded"],
  [4012, "Discord rejected the gateway API version; update discord.js"],
  [4013, "Discord rejected the gateway intents (invalid intents)"],
  [
    4014,
    "Discord refused a privileged intent: enable the Message Content intent for this bot (Developer Portal → Bot → Privileged Gateway Intents)",
  ],
]);

/** "/ask about the Associated Press report of 5 December 2024", within Discord's 128 characters. */
export function presenceLine(store: KnowledgeStore): string {
  return truncate(`/ask about ${describeSources(store.sources)}`, 128);
}
