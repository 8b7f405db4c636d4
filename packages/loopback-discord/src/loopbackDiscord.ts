/**
 * LoopbackDiscord: a Discord-compatible server on 127.0.0.1 that the real discord.js client
 * talks to over real HTTP and WebSocket, for tests and a local playground.
 *
 * Point a discord.js Client at it with `rest: { api: server.restBase }` and log in with
 * `server.token`; the client finds the gateway through `GET /api/v10/gateway/bot`.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ChannelType,
  GatewayDispatchEvents,
  MessageType,
  type APIApplicationCommand,
  type APIMessage,
  type APIUser,
} from "discord-api-types/v10";
import { CommandRegistry } from "./commandRegistry.js";
import { Gateway, type Delivery, type DispatchTarget, type GatewayEvents } from "./gateway.js";
import { InteractionHandle, InteractionRecord, MessageHandle } from "./handles.js";
import { InteractionBuilder, type InteractionInput } from "./interactionPayloads.js";
import { baseMessage, messageForSession, type GatewayMessage } from "./messages.js";
import { RestApi, type RecordedRequest, type RestFault, type RestFaultSpec } from "./restApi.js";
import { RequestValidator } from "./validateRequest.js";
import { ChangeNotifier } from "./waiting.js";
import { LoopbackWorld, type GuildSeed, type LoopbackGuild } from "./world.js";

/** Options for {@link LoopbackDiscord.start}. */
export interface LoopbackDiscordOptions {
  /** TCP port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** The bot token clients must present (default: a random, real-looking token). */
  token?: string;
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  shardCount?: number;
  /** HELLO's heartbeat interval in ms (default 41250, as Discord). */
  heartbeatIntervalMs?: number;
  /** Guilds to create (default: "Newsroom" on shard 0 and "Reading Room" on shard 1 of 2). */
  guilds?: GuildSeed[];
  /** Overrides for the bot user. */
  botUser?: Partial<APIUser>;
  /** Overrides for the default acting user ("reader"). */
  defaultUser?: Partial<APIUser>;
  /** Validate request bodies against Discord's OpenAPI description and documented limits (default true). */
  validate?: boolean;
  /**
   * Answer requests whose body failed validation with 400 Invalid Form Body (code 50035), as
   * Discord would (default false: such requests are answered normally and only recorded).
   */
  rejectInvalidBodies?: boolean;
  /** Discord's limit to acknowledge an interaction (default 3000 ms); later callbacks get 404 Unknown interaction. */
  interactionAckDeadlineMs?: number;
  /** Lifetime of an interaction token for follow-ups and edits (default 15 min). */
  interactionTokenLifetimeMs?: number;
}

/** A message a user sends, for {@link LoopbackDiscord.sendMessage}. */
export interface MessageInput {
  content: string;
  /** A loopback guild (default: the first); its first text channel unless `channelId` is given. */
  guildId?: string;
  channelId?: string;
  /** Send in the author's DM with the bot instead. */
  dm?: boolean;
  /** Who writes; merged over the default user ("reader"). */
  author?: Partial<APIUser>;
  /** Mention the bot: content starts with `<@botId>` and `mentions` lists the bot. */
  mentionBot?: boolean;
  /** The author is a bot account (another bot, not ours). */
  bot?: boolean;
  /** Reply to a stored message (sets `message_reference`). */
  replyTo?: string;
  /** The message's type (default: a reply or a plain message); e.g. `MessageType.UserJoin` for the system message of a member joining. */
  type?: MessageType;
}

/** A gateway session as tests see it. */
export interface SessionInfo {
  id: string;
  shard: [number, number];
  intents: number;
  connected: boolean;
  resumable: boolean;
  seq: number;
}

/** Events of {@link LoopbackDiscord}: the gateway's plus REST and bot activity. */
export interface LoopbackDiscordEvents extends GatewayEvents {
  /** A REST request was answered (status and validation errors filled in). */
  request: [request: RecordedRequest];
  /** The bot triggered the typing indicator. */
  typing: [info: { channelId: string }];
  /** The bot created, edited or deleted a message (channel message, interaction response or follow-up). */
  botMessage: [info: { message: APIMessage; kind: "created" | "edited" | "deleted" }];
  /** A test sent an interaction. */
  interaction: [handle: InteractionHandle];
}

const GATEWAY_EVENT_NAMES: (keyof GatewayEvents)[] = [
  "connection",
  "identify",
  "ready",
  "resumed",
  "invalidSession",
  "disconnect",
  "heartbeat",
  "dispatch",
  "gatewayPayload",
];

/** A Discord-compatible REST + gateway server on 127.0.0.1. */
export class LoopbackDiscord extends EventEmitter<LoopbackDiscordEvents> {
  /** The bot token clients must log in with. */
  readonly token: string;
  /** The port the server listens on. */
  readonly port: number;
  private readonly world: LoopbackWorld;
  private readonly commandRegistry: CommandRegistry;
  private readonly interactionBuilder: InteractionBuilder;
  private readonly gateway: Gateway;
  private readonly rest: RestApi;
  private readonly interactionsById = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly botActivity = new ChangeNotifier();
  private readonly sessionChanges = new ChangeNotifier();
  private readonly requestChanges = new ChangeNotifier();
  private readonly typingLog: { channelId: string; at: number }[] = [];
  private closed = false;

  private constructor(
    private readonly httpServer: Server,
    options: LoopbackDiscordOptions,
    world: LoopbackWorld,
    token: string,
  ) {
    super();
    this.world = world;
    this.token = token;
    this.port = (httpServer.address() as AddressInfo).port;
    this.commandRegistry = new CommandRegistry(world.applicationId, world.ids);
    this.interactionBuilder = new InteractionBuilder(world, this.commandRegistry);
    this.gateway = new Gateway(httpServer, {
      world,
      token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
    });
    for (const name of GATEWAY_EVENT_NAMES) {
      this.gateway.on(name, (...args: unknown[]) => {
        if (name === "ready" || name === "resumed" || name === "disconnect") this.sessionChanges.notify();
        (this.emit as (event: string, ...rest: unknown[]) => boolean)(name, ...args);
      });
    }
    this.rest = new RestApi({
      world,
      commands: this.commandRegistry,
      gateway: this.gateway,
      validator: options.validate === false ? null : RequestValidator.shared(),
      rejectInvalidBodies: options.rejectInvalidBodies ?? false,
      token,
      shardCount: options.shardCount ?? 1,
      interactionAckDeadlineMs: options.interactionAckDeadlineMs ?? 3000,
      interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
      interactionsById: this.interactionsById,
      interactionsByToken: this.interactionsByToken,
      botActivity: this.botActivity,
      origin: () => this.origin,
      gatewayUrl: () => this.gatewayUrl,
      onRecorded: (request) => {
        this.requestChanges.notify();
        this.emit("request", request);
      },
      onTyping: (channelId) => {
        this.typingLog.push({ channelId, at: Date.now() });
        this.botActivity.notify();
        this.emit("typing", { channelId });
      },
      onBotMessage: (message, kind) => this.emit("botMessage", { message, kind }),
    });
    httpServer.on("request", (req, res) => void this.rest.handle(req, res));
  }

  /**
   * Starts a server on 127.0.0.1 and resolves once it listens.
   * @example
   * const server = await LoopbackDiscord.start();
   * const client = new Client({ intents, rest: { api: server.restBase } });
   * await client.login(server.token);
   */
  static async start(options: LoopbackDiscordOptions = {}): Promise<LoopbackDiscord> {
    const world = new LoopbackWorld({
      ...(options.guilds ? { guilds: options.guilds } : {}),
      ...(options.botUser ? { botUser: options.botUser } : {}),
      ...(options.defaultUser ? { defaultUser: options.defaultUser } : {}),
    });
    const token = options.token ?? realLookingToken(world.botUser.id);
    const httpServer = createServer();
    httpServer.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(options.port ?? 0, "127.0.0.1", () => {
        httpServer.off("error", reject);
        resolve();
      });
    });
    return new LoopbackDiscord(httpServer, options, world, token);
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What to give discord.js as `rest.api`: `http://127.0.0.1:PORT/api` (it appends `/v10/...`). */
  get restBase(): string {
    return `${this.origin}/api`;
  }

  /** The gateway URL handed out by `GET /gateway/bot`: `ws://127.0.0.1:PORT`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** The bot's user. */
  get botUser(): APIUser {
    return this.world.botUser;
  }

  /** The bot's application id (equal to the bot user's id). */
  get applicationId(): string {
    return this.world.applicationId;
  }

  /** The user who acts when a test does not say who ("reader"). */
  get defaultUser(): APIUser {
    return this.world.defaultUser;
  }

  /** The guilds, each with its text channels. */
  get guilds(): readonly LoopbackGuild[] {
    return this.world.guilds;
  }

  /** Every REST request so far, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  /** Channels the bot triggered typing in, in order. */
  get typing(): readonly { channelId: string; at: number }[] {
    return this.typingLog;
  }

  /** The registered global commands, or a guild's commands when `guildId` is given. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.commandRegistry.list(guildId);
  }

  /** Stored messages (users' and the bot's), oldest first; one channel's when `channelId` is given. */
  messages(channelId?: string): APIMessage[] {
    return this.world.allMessages(channelId);
  }

  /** Messages the bot created (in their current state), oldest first. */
  botMessages(channelId?: string): APIMessage[] {
    return this.messages(channelId).filter((message) => message.author.id === this.botUser.id);
  }

  /** The current gateway sessions. */
  sessions(): SessionInfo[] {
    return this.gateway.liveSessions().map((session) => ({
      id: session.id,
      shard: [session.shardId, session.shardCount],
      intents: session.intents,
      connected: session.connected,
      resumable: !session.invalidated,
      seq: session.seq,
    }));
  }

  /**
   * Sends an INTERACTION_CREATE as a user would trigger it: a slash command, an autocomplete
   * request, a button click or a modal submit, in a guild (default) or a DM. It goes to the
   * shard of its guild (DMs: shard 0); if no session covers that shard yet, it waits for one.
   * @returns a handle to await the bot's callback, final message and follow-ups.
   * @example
   * const handle = server.sendInteraction({ kind: "slash", name: "ask", options: { question: "Who took Hama?" } });
   * const reply = await handle.waitForFinalMessage();
   */
  sendInteraction(input: InteractionInput): InteractionHandle {
    const built = this.interactionBuilder.build(input);
    const record = new InteractionRecord(built);
    this.interactionsById.set(record.id, record);
    this.interactionsByToken.set(record.token, record);
    const target: DispatchTarget = built.guildId ? { guildId: built.guildId } : { dm: true };
    const delivered = this.gateway
      .dispatch(target, GatewayDispatchEvents.InteractionCreate, () => built.payload)
      .then((deliveries) => {
        record.deliveries = deliveries;
        record.changes.notify();
        return deliveries;
      });
    const handle = new InteractionHandle(record, this.world, delivered);
    this.emit("interaction", handle);
    return handle;
  }

  /**
   * Sends a MESSAGE_CREATE as a user posting in a guild channel (default) or a DM. Sessions get
   * it as Discord would: only with the GUILD_MESSAGES / DIRECT_MESSAGES intent, and with empty
   * content in guilds unless they have MESSAGE_CONTENT or the bot is mentioned.
   * @returns a handle to await the bot's reply (matched by `message_reference`).
   */
  sendMessage(input: MessageInput): MessageHandle {
    const { world } = this;
    const botId = world.botUser.id;
    const authorOverrides: Partial<APIUser> = input.bot
      ? { username: "otherbot", global_name: null, ...input.author, bot: true }
      : { ...world.defaultUser, ...input.author };
    if (input.bot && !input.author?.id) authorOverrides.id = `${BigInt(world.defaultUser.id) + 1n}`;
    const author = world.user(authorOverrides);

    let content = input.content;
    if (input.mentionBot && !content.startsWith(`<@${botId}>`)) content = `<@${botId}> ${content}`;

    let guildId: string | undefined;
    let channelId: string;
    if (input.dm) {
      channelId = world.dmChannelFor(author).id;
    } else {
      const guild = world.guild(input.guildId ?? world.guilds[0]!.id);
      guildId = guild.id;
      channelId = input.channelId ?? guild.textChannelId;
      const known = world.channel(channelId);
      if (!known || known.kind !== "guild" || known.guildId !== guild.id) {
        throw new Error(`channel ${channelId} is not a text channel of guild ${guild.id}`);
      }
    }

    const mentioned = [...content.matchAll(/<@!?(\d+)>/g)]
      .map((match) => world.knownUser(match[1]!))
      .filter((user): user is APIUser => Boolean(user));
    const mentions = [...new Map(mentioned.map((user) => [user.id, user])).values()].map((user) =>
      guildId ? { ...user, member: memberWithoutUser(world, guildId, user) } : user,
    );
    const reference = input.replyTo ? world.message(input.replyTo) : undefined;
    if (input.replyTo && !reference) throw new Error(`no stored message ${input.replyTo} to reply to`);

    const message: GatewayMessage = baseMessage({
      id: world.ids.next(),
      channel_id: channelId,
      author,
      content,
      mentions,
      type: input.type ?? (reference ? MessageType.Reply : MessageType.Default),
      nonce: world.ids.next(),
      ...(reference
        ? {
            message_reference: {
              message_id: reference.id,
              channel_id: reference.channel_id,
              ...(guildId ? { guild_id: guildId } : {}),
            },
            referenced_message: reference,
          }
        : {}),
    });
    message.channel_type = guildId ? ChannelType.GuildText : ChannelType.DM;
    if (guildId) {
      message.guild_id = guildId;
      message.member = memberWithoutUser(world, guildId, author);
    }
    world.saveMessage(message);
    const target: DispatchTarget = guildId ? { guildId } : { dm: true };
    const delivered = this.gateway.dispatch(target, GatewayDispatchEvents.MessageCreate, (session) =>
      messageForSession(message, session, botId),
    );
    return new MessageHandle(message, world, this.botActivity, delivered);
  }

  /**
   * Resolves after `ms` if the bot created no message anywhere (channel messages, interaction
   * responses, follow-ups); rejects as soon as it does.
   */
  expectNoBotMessages(ms: number): Promise<void> {
    const before = new Set(this.botMessages().map((message) => message.id));
    return this.botActivity.never(
      () => this.botMessages().find((message) => !before.has(message.id)),
      ms,
      (message) => `the bot sent a message: ${JSON.stringify(message.content)}`,
    );
  }

  /** Waits for a recorded REST request matching `predicate` (already answered). */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    return this.requestChanges.until(
      () => this.rest.requests.find((request) => request.status !== 0 && predicate(request)),
      timeoutMs,
      () => `no matching REST request within ${timeoutMs} ms`,
    );
  }

  /**
   * Waits until a connected session covers `shardId` (of `shardCount` shards, when given) —
   * e.g. after a dropped connection, until the client has resumed or identified again.
   */
  waitForShardReady(
    shardId = 0,
    options: { shardCount?: number; timeoutMs?: number } = {},
  ): Promise<SessionInfo> {
    const { shardCount, timeoutMs = 10_000 } = options;
    return this.sessionChanges.until(
      () =>
        this.sessions().find(
          (session) =>
            session.connected &&
            session.shard[0] === shardId &&
            (shardCount === undefined || session.shard[1] === shardCount),
        ),
      timeoutMs,
      () => `no connected gateway session for shard ${shardId} within ${timeoutMs} ms`,
    );
  }

  /**
   * Closes every gateway connection. 4000 (default) and other 4xxx codes let discord.js resume;
   * 1000 ends the sessions so it identifies again; 1006 drops the TCP connection without a close
   * frame (discord.js resumes). Returns the number of connections dropped.
   */
  dropConnections(closeCode = 4000): number {
    return this.gateway.dropConnections(closeCode);
  }

  /** Sends op 7 RECONNECT on every connection (discord.js resumes on a new connection). */
  requestReconnect(): number {
    return this.gateway.requestReconnect();
  }

  /**
   * Sends op 9 INVALID_SESSION on every connection, as Discord does when it drops a session:
   * with `resumable: false` (default) the sessions end and discord.js identifies again; with
   * `true` it resumes. Returns how many connections were told.
   */
  invalidateSessions(resumable = false): number {
    return this.gateway.invalidateSessions(resumable);
  }

  /**
   * Revokes the bot token mid-session, as resetting it in the Developer Portal does: gateway
   * connections close with 4004 and IDENTIFY/RESUME with it fail so; REST requests that present
   * it get 401. Interaction callbacks and webhook follow-ups, authorized by the interaction
   * token in their path, still work.
   */
  revokeToken(): void {
    this.rest.revokeToken();
    this.gateway.revokeToken();
  }

  /** Turns HEARTBEAT_ACK on or off; without acks discord.js declares the connection a zombie and resumes. */
  setHeartbeatAck(enabled: boolean): void {
    this.gateway.setHeartbeatAck(enabled);
  }

  /**
   * Makes matching REST requests fail or slow down: 429 (with `retry_after` body, `retry-after`
   * and `x-ratelimit-*` headers, not global unless asked), 5xx, a connection reset (`reset`),
   * or only a delay (`delayMs`).
   */
  injectRestFault(spec: RestFaultSpec): RestFault {
    return this.rest.injectFault(spec);
  }

  /**
   * Sends a stored user message's MESSAGE_CREATE again, as Discord may after a reconnect (the
   * same message id): a bot must answer it once.
   */
  dispatchMessageAgain(messageId: string): void {
    const message = this.world.message(messageId);
    if (!message) throw new Error(`no stored message ${messageId}`);
    const stored = message as GatewayMessage;
    const botId = this.world.botUser.id;
    void this.gateway.dispatch(
      stored.guild_id ? { guildId: stored.guild_id } : { dm: true },
      GatewayDispatchEvents.MessageCreate,
      (session) => messageForSession(stored, session, botId),
    );
  }

  /** Removes every injected REST fault. */
  clearRestFaults(): void {
    this.rest.clearFaults();
  }

  /** Stops the server: terminates gateway connections and open HTTP connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.httpServer.close(() => resolve());
      this.httpServer.closeAllConnections();
    });
  }
}

/** The deliveries type, re-exported for tests that inspect shard routing. */
export type { Delivery };

function memberWithoutUser(
  world: LoopbackWorld,
  guildId: string,
  user: APIUser,
): NonNullable<GatewayMessage["member"]> {
  const { user: _user, deaf: _deaf, mute: _mute, ...member } = world.member(guildId, user);
  return member;
}

/** A token shaped like Discord's: base64(user id).timestamp.hmac. */
function realLookingToken(botUserId: string): string {
  const id = Buffer.from(botUserId).toString("base64").replace(/=+$/, "");
  return `${id}.${randomBytes(4).toString("base64url")}.${randomBytes(27).toString("base64url")}`;
}
