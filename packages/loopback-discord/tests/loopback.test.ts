/**
 * The loopback Discord server, driven by the real discord.js 14 client over real HTTP and
 * WebSocket. The bot here is a deliberately tiny inline one; the real bot lives elsewhere.
 */
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { constants as zlibConstants, inflateSync } from "node:zlib";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  ModalBuilder,
  Partials,
  REST,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ClientOptions,
} from "discord.js";
import { InteractionResponseType, InteractionType, MessageFlags } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { LoopbackDiscord, shardForGuild } from "../src/index.js";

const TOPICS = ["Hama", "Aleppo", "Homs", "Idlib", "rebel advance", "government withdrawal"];

const COMMANDS = [
  new SlashCommandBuilder().setName("ping").setDescription("Replies pong"),
  new SlashCommandBuilder().setName("slow").setDescription("Defers, then edits the reply"),
  new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask about the article")
    .addStringOption((option) =>
      option.setName("question").setDescription("Your question").setRequired(true).setAutocomplete(true),
    ),
  new SlashCommandBuilder().setName("where").setDescription("Says which shard answered"),
  new SlashCommandBuilder().setName("multi").setDescription("Replies, follows up, fetches and edits"),
  new SlashCommandBuilder().setName("thinking").setDescription("Defers ephemerally, then follows up"),
  new SlashCommandBuilder().setName("file").setDescription("Replies with a file"),
  new SlashCommandBuilder().setName("form").setDescription("Opens a modal"),
].map((builder) => builder.toJSON());

/** What the tiny bot saw and any error it hit. */
interface TinyBot {
  client: Client;
  interactions: { id: string; guildId: string | null; shardId: number }[];
  errors: unknown[];
}

/** Lets a client identify again at once (discord.js otherwise waits up to ~6.5 s between identifies of one shard). */
const instantIdentify: NonNullable<ClientOptions["ws"]> = {
  buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }),
};

/** Logs a tiny bot into the loopback server and waits until it is ready. */
async function startTinyBot(server: LoopbackDiscord, extra: Partial<ClientOptions> = {}): Promise<TinyBot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: server.restBase },
    ...extra,
  });
  const bot: TinyBot = { client, interactions: [], errors: [] };

  client.on(Events.InteractionCreate, (interaction) => {
    // Each handler catches its own errors; the listener itself returns nothing.
    void (async () => {
      bot.interactions.push({
        id: interaction.id,
        guildId: interaction.guildId,
        shardId: interaction.guild?.shardId ?? 0,
      });
      try {
        if (interaction.isAutocomplete() && interaction.commandName === "ask") {
          const typed = interaction.options.getFocused().toLowerCase();
          const matches = TOPICS.filter((topic) => topic.toLowerCase().includes(typed)).slice(0, 25);
          await interaction.respond(matches.map((topic) => ({ name: topic, value: topic })));
          return;
        }
        if (interaction.isChatInputCommand()) {
          switch (interaction.commandName) {
            case "ping":
              await interaction.reply("pong");
              return;
            case "slow":
              await interaction.deferReply();
              await sleep(50);
              await interaction.editReply({
                content: "done slowly",
                embeds: [new EmbedBuilder().setTitle("Result").setDescription("It took a moment.")],
              });
              return;
            case "ask": {
              const question = interaction.options.getString("question", true);
              const more = new ButtonBuilder()
                .setCustomId("more")
                .setLabel("More")
                .setStyle(ButtonStyle.Primary);
              await interaction.reply({
                content: `You asked: ${question}`,
                components: [new ActionRowBuilder<ButtonBuilder>().addComponents(more)],
              });
              return;
            }
            case "where":
              await interaction.reply(`shard ${interaction.guild?.shardId ?? "dm"}`);
              return;
            case "sleepy":
              await sleep(300);
              await interaction.reply("too late");
              return;
            case "multi": {
              const response = await interaction.reply({ content: "first", withResponse: true });
              const followUp = await interaction.followUp({
                content: "second",
                flags: MessageFlags.Ephemeral,
              });
              const fetched = await interaction.fetchReply();
              await interaction.editReply(
                `${fetched.content} (edited; reply ${response.resource?.message?.id ?? "?"}, follow-up ${followUp.id})`,
              );
              return;
            }
            case "thinking":
              await interaction.deferReply({ flags: MessageFlags.Ephemeral });
              await interaction.followUp("thought it through");
              return;
            case "file":
              await interaction.reply({
                content: "here is a file",
                files: [{ attachment: Buffer.from("Hama fell."), name: "note.txt" }],
              });
              return;
            case "form": {
              const topic = new TextInputBuilder()
                .setCustomId("topic")
                .setLabel("Topic")
                .setStyle(TextInputStyle.Short);
              await interaction.showModal(
                new ModalBuilder()
                  .setCustomId("ask-form")
                  .setTitle("Ask")
                  .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(topic)),
              );
              return;
            }
          }
        }
        if (interaction.isModalSubmit() && interaction.customId === "ask-form") {
          await interaction.reply(`form: ${interaction.fields.getTextInputValue("topic")}`);
          return;
        }
        if (interaction.isButton() && interaction.customId === "more") {
          await interaction.update({ content: "More details.", components: [] });
        }
      } catch (error) {
        bot.errors.push(error);
      }
    })();
  });

  client.on(Events.MessageCreate, (message) => {
    // Each handler catches its own errors; the listener itself returns nothing.
    void (async () => {
      if (message.author.bot) return;
      try {
        if (!message.inGuild()) {
          await message.reply(`dm: ${message.content}`);
        } else if (message.mentions.has(client.user!)) {
          await message.channel.sendTyping();
          await message.reply("you mentioned me");
        }
      } catch (error) {
        bot.errors.push(error);
      }
    })();
  });

  const ready = once(client, Events.ClientReady);
  await client.login(server.token);
  await ready;
  return bot;
}

describe("loopback Discord with one discord.js client", () => {
  let server: LoopbackDiscord;
  let bot: TinyBot;
  let loginMs: number;

  beforeAll(async () => {
    server = await LoopbackDiscord.start();
    const started = Date.now();
    bot = await startTinyBot(server);
    loginMs = Date.now() - started;
    await bot.client.application!.commands.set(COMMANDS);
  });

  afterAll(async () => {
    await bot.client.destroy();
    await server.close();
  });

  it("logs in fast, gets READY and both guilds, with an authorised gateway lookup", () => {
    expect(bot.client.isReady()).toBe(true);
    expect(loginMs).toBeLessThan(3000);
    expect(bot.client.user!.id).toBe(server.botUser.id);
    expect(bot.client.application!.id).toBe(server.applicationId);
    expect([...bot.client.guilds.cache.keys()].sort()).toEqual(server.guilds.map((guild) => guild.id).sort());
    const channel = bot.client.channels.cache.get(server.guilds[0]!.textChannelId);
    expect(channel?.isTextBased()).toBe(true);

    const lookup = server.requests.find((request) => request.route === "/gateway/bot")!;
    expect(lookup.status).toBe(200);
    expect(lookup.headers).toMatchObject({ authorization: true, authorizationValid: true });
    expect(server.sessions()).toEqual([
      expect.objectContaining({ shard: [0, 1], connected: true, intents: expect.any(Number) as number }),
    ]);
  });

  it("stores registered commands with ids, and the registration body is valid", () => {
    const registered = server.commands();
    expect(registered.map((command) => command.name).sort()).toEqual([
      "ask",
      "file",
      "form",
      "multi",
      "ping",
      "slow",
      "thinking",
      "where",
    ]);
    for (const command of registered) expect(command.id).toMatch(/^\d{17,20}$/);
    const put = server.requests.find(
      (request) => request.method === "PUT" && request.route.endsWith("/commands"),
    )!;
    expect(put.status).toBe(200);
    expect(put.operation).toBe("put /applications/{application_id}/commands");
    expect(put.validationErrors).toEqual([]);
  });

  it("answers a slash command with a valid reply", async () => {
    const handle = server.sendInteraction({ kind: "slash", name: "ping" });
    expect(handle.payload.type).toBe(InteractionType.ApplicationCommand);
    const callback = await handle.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data?.content).toBe("pong");
    const message = await handle.waitForFinalMessage();
    expect(message.content).toBe("pong");
    expect(message.author.id).toBe(server.botUser.id);
    expect(message.interaction_metadata?.id).toBe(handle.id);

    const request = server.requests.find((candidate) => candidate.id === callback.requestId)!;
    expect(request.operation).toBe("post /interactions/{interaction_id}/{interaction_token}/callback");
    expect(request.headers.authorization).toBe(false); // discord.js sends callbacks without the bot token
    expect(request.status).toBe(204);
    expect(request.validationErrors).toEqual([]);
  });

  it("resolves the registered command's id and option types", async () => {
    const handle = server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question: "Who took Hama?" },
    });
    const registered = server.commands().find((command) => command.name === "ask")!;
    const data = (handle.payload as { data: { id: string; options: { type: number }[] } }).data;
    expect(data.id).toBe(registered.id);
    expect(data.options[0]!.type).toBe(3);
    expect((await handle.waitForFinalMessage()).content).toBe("You asked: Who took Hama?");
  });

  it("follows a deferred reply through to the edited message", async () => {
    const handle = server.sendInteraction({ kind: "slash", name: "slow" });
    const callback = await handle.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const message = await handle.waitForFinalMessage();
    expect(message.content).toBe("done slowly");
    expect(message.embeds[0]).toMatchObject({ title: "Result", description: "It took a moment." });
    expect((message.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(handle.events.map((event) => event.kind)).toEqual(["callback", "originalEdited"]);
    const edit = server.requests.find(
      (request) => request.method === "PATCH" && request.route.includes(handle.token),
    )!;
    expect(edit.operation).toBe("patch /webhooks/{webhook_id}/{webhook_token}/messages/@original");
    expect(edit.validationErrors).toEqual([]);
  });

  it("receives autocomplete choices", async () => {
    const handle = server.sendInteraction({
      kind: "autocomplete",
      name: "ask",
      focused: "question",
      options: { question: "ha" },
    });
    const focused = (handle.payload as { data: { options: { focused?: boolean }[] } }).data.options[0]!;
    expect(focused.focused).toBe(true);
    const callback = await handle.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(callback.data?.choices).toEqual([{ name: "Hama", value: "Hama" }]);
    await expect(handle.waitForFinalMessage()).rejects.toThrow(/carries no message/);
    const request = server.requests.find((candidate) => candidate.id === callback.requestId)!;
    expect(request.validationErrors).toEqual([]);
  });

  it("handles a button click on the bot's message by updating it", async () => {
    const asked = server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question: "What happened?" },
    });
    const withButton = await asked.waitForFinalMessage();
    expect(withButton.components).toHaveLength(1);

    const click = server.sendInteraction({ kind: "button", customId: "more" });
    expect((click.payload as { message?: { id: string } }).message?.id).toBe(withButton.id);
    const callback = await click.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.UpdateMessage);
    const updated = await click.waitForFinalMessage();
    expect(updated.id).toBe(withButton.id);
    expect(updated.content).toBe("More details.");
    expect(updated.components).toEqual([]);
  });

  it("replies to a message that mentions the bot, and ignores other messages", async () => {
    const mention = server.sendMessage({ content: "what do you know?", mentionBot: true });
    expect(mention.message.content.startsWith(`<@${server.botUser.id}>`)).toBe(true);
    const reply = await mention.waitForReply();
    expect(reply.content).toBe("you mentioned me");
    expect(reply.message_reference?.message_id).toBe(mention.id);
    expect(server.typing.map((typing) => typing.channelId)).toContain(mention.message.channel_id);

    await server.sendMessage({ content: "just chatting" }).expectNoReply(300);
    await server.sendMessage({ content: "hey bots", mentionBot: true, bot: true }).expectNoReply(300);
  });

  it("supports withResponse, ephemeral follow-ups, fetchReply and editReply", async () => {
    const handle = server.sendInteraction({ kind: "slash", name: "multi" });
    const followUp = await handle.waitForFollowUp(0);
    expect(followUp.content).toBe("second");
    expect((followUp.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const final = await handle.waitForFinalMessage({ settleMs: 100 });
    expect(final.content).toBe(`first (edited; reply ${final.id}, follow-up ${followUp.id})`);
    const callbackRequest = server.requests.find((request) => request.id === handle.callback!.requestId)!;
    expect(callbackRequest).toMatchObject({ query: { with_response: "true" }, status: 200 });
    expect(handle.events.map((event) => event.kind)).toEqual(["callback", "followUp", "originalEdited"]);
  });

  it("turns the first follow-up after a deferred reply into that reply, as Discord does", async () => {
    const handle = server.sendInteraction({ kind: "slash", name: "thinking" });
    const message = await handle.waitForFinalMessage();
    expect(message.content).toBe("thought it through");
    expect((message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(handle.followUps).toEqual([]);
  });

  it("accepts a multipart reply with a file and validates its payload_json", async () => {
    const handle = server.sendInteraction({ kind: "slash", name: "file" });
    const message = await handle.waitForFinalMessage();
    expect(message.content).toBe("here is a file");
    expect(message.attachments).toEqual([expect.objectContaining({ filename: "note.txt", size: 10 })]);
    const request = server.requests.find((candidate) => candidate.id === handle.callback!.requestId)!;
    expect(request.headers.contentType).toMatch(/^multipart\/form-data/);
    expect(request.files).toEqual([expect.objectContaining({ filename: "note.txt", size: 10 })]);
    expect(request.validationErrors).toEqual([]);
  });

  it("shows a modal and handles its submission", async () => {
    const opened = server.sendInteraction({ kind: "slash", name: "form" });
    const callback = await opened.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.Modal);
    expect(callback.data?.custom_id).toBe("ask-form");
    const submitted = server.sendInteraction({
      kind: "modalSubmit",
      customId: "ask-form",
      fields: { topic: "Hama" },
    });
    expect((await submitted.waitForFinalMessage()).content).toBe("form: Hama");
    const modalRequest = server.requests.find((request) => request.id === callback.requestId)!;
    expect(modalRequest.validationErrors).toEqual([]);
  });

  it("registers guild commands separately from global ones", async () => {
    const guild = bot.client.guilds.cache.get(server.guilds[0]!.id)!;
    await guild.commands.set([{ name: "local", description: "Only in this guild" }]);
    expect(server.commands(guild.id).map((command) => command.name)).toEqual(["local"]);
    expect(server.commands(guild.id)[0]!.guild_id).toBe(guild.id);
    expect(server.commands().map((command) => command.name)).not.toContain("local");
  });

  it("replies in a DM", async () => {
    const dm = server.sendMessage({ dm: true, content: "hello in private" });
    const reply = await dm.waitForReply();
    expect(reply.content).toBe("dm: hello in private");
    expect(reply.channel_id).toBe(dm.message.channel_id);
    expect(dm.message.guild_id).toBeUndefined();
  });

  it("answers a slash command used in a DM", async () => {
    const handle = server.sendInteraction({ kind: "slash", name: "where", dm: true });
    expect((handle.payload as { user?: { id: string } }).user?.id).toBe(server.defaultUser.id);
    expect((await handle.waitForFinalMessage()).content).toBe("shard dm");
  });

  it("flags a request that breaks a documented limit (content of 2001 characters)", async () => {
    const channelId = server.guilds[0]!.textChannelId;
    await bot.client.rest.post(Routes.channelMessages(channelId), { body: { content: "x".repeat(2001) } });
    const request = server.requests.at(-1)!;
    expect(request.operation).toBe("post /channels/{channel_id}/messages");
    expect(request.validationErrors).toEqual([
      expect.objectContaining({
        source: "discord-docs",
        pointer: "/content",
        message: expect.stringContaining("2001") as string,
      }),
    ]);
  });

  it("answers unknown routes with a Discord-style 404 and records it", async () => {
    const error: unknown = await bot.client.rest
      .get("/nowhere/to/be/found")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(server.requests.at(-1)).toMatchObject({
      route: "/nowhere/to/be/found",
      status: 404,
      responseBody: { code: 0 },
    });
  });

  it("refuses to let an autocomplete interaction be deferred", async () => {
    const handle = server.sendInteraction({ kind: "autocomplete", name: "not-handled", focused: "q" });
    await handle.delivered;
    const rest = new REST({ api: server.restBase });
    const error: unknown = await rest
      .post(Routes.interactionCallback(handle.id, handle.token), { body: { type: 5 }, auth: false })
      .catch((caught: unknown) => caught);
    expect((error as DiscordAPIError).status).toBe(400);
    expect(server.requests.at(-1)!.validationErrors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("autocomplete cannot be deferred") as string,
      }),
    ]);
  });

  it("rejects a wrong bot token with 401", async () => {
    const rest = new REST({ api: server.restBase }).setToken("not-the-token");
    const error: unknown = await rest.get(Routes.user("@me")).catch((caught: unknown) => caught);
    expect((error as DiscordAPIError).status).toBe(401);
  });

  it("lets the bot open a DM, fetch channels and its application", async () => {
    const dm = await bot.client.users.createDM(server.defaultUser.id);
    const sent = await dm.send("a note for you");
    expect(server.botMessages(dm.id).at(-1)).toMatchObject({ id: sent.id, content: "a note for you" });
    const fetched = await bot.client.channels.fetch(server.guilds[1]!.textChannelId, { force: true });
    expect(fetched?.id).toBe(server.guilds[1]!.textChannelId);
    const application = await bot.client.application!.fetch();
    expect(application.id).toBe(server.applicationId);
  });

  it("saw only valid requests from the bot itself, and the bot hit no errors", () => {
    const fromBot = server.requests.filter(
      (request) =>
        request.headers.authorizationValid ||
        request.route.startsWith("/interactions/") ||
        request.route.startsWith("/webhooks/"),
    );
    const invalid = fromBot.filter((request) => request.validationErrors.length > 0);
    // Only the deliberate violations sent by this test file itself.
    expect(invalid.map((request) => request.route)).toEqual([
      `/channels/${server.guilds[0]!.textChannelId}/messages`,
      expect.stringMatching(/^\/interactions\/\d+\/.+\/callback$/) as string,
    ]);
    expect(bot.errors).toEqual([]);
  });
});

describe("loopback Discord rejecting invalid bodies", () => {
  it("answers 400 Invalid Form Body when asked to behave like Discord", async () => {
    const server = await LoopbackDiscord.start({ rejectInvalidBodies: true });
    try {
      const rest = new REST({ api: server.restBase }).setToken(server.token);
      const error: unknown = await rest
        .post(Routes.channelMessages(server.guilds[0]!.textChannelId), {
          body: { content: "y".repeat(2001) },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect((error as DiscordAPIError).code).toBe(50035);
      expect(server.messages()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("loopback Discord connection faults", () => {
  let server: LoopbackDiscord;
  let bot: TinyBot;

  beforeAll(async () => {
    server = await LoopbackDiscord.start({ heartbeatIntervalMs: 250 });
    bot = await startTinyBot(server, { ws: instantIdentify });
  });

  afterAll(async () => {
    await bot.client.destroy();
    await server.close();
  });

  const pingWorks = async (): Promise<void> => {
    const handle = server.sendInteraction({ kind: "slash", name: "ping" });
    expect((await handle.waitForFinalMessage()).content).toBe("pong");
  };

  it("resumes after the server closes with 4000, replaying what was sent meanwhile", async () => {
    const resumed = once(server, "resumed");
    expect(server.dropConnections(4000)).toBe(1);
    // Sent while the client is disconnected: buffered on the session, replayed on RESUME.
    const missed = server.sendInteraction({ kind: "slash", name: "ping" });
    const [info] = (await resumed) as [{ replayed: number }];
    expect(info.replayed).toBeGreaterThanOrEqual(1);
    expect((await missed.waitForFinalMessage()).content).toBe("pong");
    await pingWorks();
  });

  it("resumes after the TCP connection drops without a close frame (1006)", async () => {
    const resumed = once(server, "resumed");
    server.dropConnections(1006);
    await resumed;
    await pingWorks();
  });

  it("identifies again after a 1000 close ends the session", async () => {
    const identified = once(server, "identify");
    server.dropConnections(1000);
    await identified;
    await server.waitForShardReady(0);
    await pingWorks();
  });

  it("resumes when heartbeats go unacknowledged (zombie connection)", async () => {
    const resumed = once(server, "resumed");
    server.setHeartbeatAck(false);
    await resumed;
    server.setHeartbeatAck(true);
    await pingWorks();
  });

  it("identifies again after an INVALID_SESSION that cannot be resumed; what was sent meanwhile arrives", async () => {
    const identified = once(server, "identify");
    expect(server.invalidateSessions(false)).toBe(1);
    expect(server.sessions().filter((session) => session.resumable)).toEqual([]);
    // Sent while no session covers the shard: delivered to the next session of the shard.
    const meanwhile = server.sendInteraction({ kind: "slash", name: "ping" });
    await identified;
    await server.waitForShardReady(0);
    expect((await meanwhile.waitForFinalMessage()).content).toBe("pong");
    await pingWorks();
  });

  it("resumes after a resumable INVALID_SESSION", async () => {
    const resumed = once(server, "resumed");
    const invalidated = once(server, "invalidSession");
    expect(server.invalidateSessions(true)).toBe(1);
    const [info] = (await invalidated) as [{ reason: string }];
    expect(info.reason).toBe("injected (resumable)");
    await resumed;
    await pingWorks();
  });

  it("resets the connection instead of answering, before the route or after it took effect", async () => {
    const channelId = server.guilds[0]!.textChannelId;
    const rest = new REST({ api: server.restBase, retries: 0 }).setToken(server.token);
    const messages = /^\/channels\/\d+\/messages$/;
    server.injectRestFault({ method: "POST", pathPattern: messages, reset: true });
    await expect(rest.post(Routes.channelMessages(channelId), { body: { content: "lost" } })).rejects.toThrow(
      /other side closed|ECONNRESET|socket/i,
    );
    server.injectRestFault({ method: "POST", pathPattern: messages, reset: true, afterRoute: true });
    await expect(
      rest.post(Routes.channelMessages(channelId), { body: { content: "created" } }),
    ).rejects.toThrow(/other side closed|ECONNRESET|socket/i);
    const contents = server.messages(channelId).map((message) => message.content);
    expect(contents).toContain("created");
    expect(contents).not.toContain("lost");
    const reset = server.requests.filter((request) => request.fault?.startsWith("connection reset"));
    expect(reset.map((request) => [request.status, request.fault])).toEqual([
      [0, "connection reset"],
      [0, "connection reset after the route (200)"],
    ]);
  });

  it("gets through an injected 429 and a 500 on the interaction callback", async () => {
    const callbackPath = /^\/interactions\/\d+\/[^/]+\/callback$/;
    const rateLimit = server.injectRestFault({
      method: "POST",
      pathPattern: callbackPath,
      status: 429,
      retryAfterSeconds: 0.1,
    });
    const handle = server.sendInteraction({ kind: "slash", name: "ping" });
    expect((await handle.waitForFinalMessage()).content).toBe("pong");
    expect(rateLimit.hits).toBe(1);
    const limited = server.requests.find(
      (request) => request.fault !== null && callbackPath.test(request.route),
    )!;
    expect(limited).toMatchObject({ status: 429, responseBody: { retry_after: 0.1, global: false } });

    const serverError = server.injectRestFault({ pathPattern: callbackPath, status: 500 });
    const again = server.sendInteraction({ kind: "slash", name: "ping" });
    expect((await again.waitForFinalMessage()).content).toBe("pong");
    expect(serverError.hits).toBe(1);
    expect(bot.errors).toEqual([]);
  });
});

describe("loopback Discord with two shards", () => {
  let server: LoopbackDiscord;
  let shard0: TinyBot;
  let shard1: TinyBot;

  beforeAll(async () => {
    server = await LoopbackDiscord.start({ shardCount: 2 });
    [shard0, shard1] = await Promise.all([
      startTinyBot(server, { shards: 0, shardCount: 2 }),
      startTinyBot(server, { shards: 1, shardCount: 2 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([shard0.client.destroy(), shard1.client.destroy()]);
    await server.close();
  });

  it("splits the default guilds across the two shards", () => {
    const [first, second] = server.guilds;
    expect(shardForGuild(first!.id, 2)).toBe(0);
    expect(shardForGuild(second!.id, 2)).toBe(1);
    expect([...shard0.client.guilds.cache.keys()]).toEqual([first!.id]);
    expect([...shard1.client.guilds.cache.keys()]).toEqual([second!.id]);
  });

  it("delivers each guild's interactions only to its shard, and DMs to shard 0", async () => {
    const [first, second] = server.guilds;
    const inFirst = server.sendInteraction({ kind: "slash", name: "where", guildId: first!.id });
    const inSecond = server.sendInteraction({ kind: "slash", name: "where", guildId: second!.id });
    const inDm = server.sendInteraction({ kind: "slash", name: "where", dm: true });

    expect((await inFirst.waitForFinalMessage()).content).toBe("shard 0");
    expect((await inSecond.waitForFinalMessage()).content).toBe("shard 1");
    expect((await inDm.waitForFinalMessage()).content).toBe("shard dm");
    expect(inFirst.shardIds).toEqual([0]);
    expect(inSecond.shardIds).toEqual([1]);
    expect(inDm.shardIds).toEqual([0]);

    expect(shard0.interactions.map((seen) => seen.id).sort()).toEqual([inFirst.id, inDm.id].sort());
    expect(shard1.interactions.map((seen) => seen.id)).toEqual([inSecond.id]);
    expect(shard0.errors).toEqual([]);
    expect(shard1.errors).toEqual([]);
  });
});

describe("loopback Discord protocol details", () => {
  it("lets a callback after the acknowledgement deadline fail with Unknown interaction (10062)", async () => {
    const server = await LoopbackDiscord.start({ interactionAckDeadlineMs: 100 });
    const bot = await startTinyBot(server);
    try {
      const handle = server.sendInteraction({ kind: "slash", name: "sleepy" });
      const late = await server.waitForRequest((request) => request.route.endsWith("/callback"));
      expect(late).toMatchObject({ status: 404, responseBody: { code: 10062 } });
      expect(handle.callback).toBeUndefined();
      await sleep(20);
      expect(bot.errors).toEqual([expect.objectContaining({ code: 10062 })]);
    } finally {
      await bot.client.destroy();
      await server.close();
    }
  });

  it("revokes the token mid-session: 4004 on the gateway, 401 on REST, interaction callbacks still answered", async () => {
    const server = await LoopbackDiscord.start();
    const bot = await startTinyBot(server);
    try {
      const disconnected = once(bot.client, Events.ShardDisconnect) as Promise<[{ code: number }, number]>;
      // Answered 300 ms after it arrives, by then without a valid bot token.
      const pending = server.sendInteraction({ kind: "slash", name: "sleepy" });
      await pending.delivered;
      server.revokeToken();
      const [event] = await disconnected;
      expect(event.code).toBe(4004);
      expect((await pending.waitForFinalMessage()).content).toBe("too late");
      const rest = new REST({ api: server.restBase, retries: 0 }).setToken(server.token);
      await expect(rest.get(Routes.user("@me"))).rejects.toMatchObject({ status: 401 });
      const socket = new WebSocket(`${server.gatewayUrl}/?v=10&encoding=json`);
      await once(socket, "message");
      const closed = once(socket, "close") as Promise<[number, Buffer]>;
      socket.send(JSON.stringify({ op: 2, d: { token: server.token, intents: 1, properties: {} } }));
      expect((await closed)[0]).toBe(4004);
    } finally {
      await bot.client.destroy();
      await server.close();
    }
  });

  it("speaks zlib-stream when asked and closes with 4004 on a wrong token", async () => {
    const server = await LoopbackDiscord.start();
    try {
      const socket = new WebSocket(`${server.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
      const received: Buffer[] = [];
      const firstMessage = once(socket, "message") as Promise<[Buffer, boolean]>;
      socket.on("message", (data: Buffer) => received.push(data));
      const [, isBinary] = await firstMessage;
      expect(isBinary).toBe(true);
      const inflated = inflateSync(Buffer.concat(received), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      const hello = JSON.parse(inflated.toString("utf8")) as {
        op: number;
        d: { heartbeat_interval: number };
      };
      expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 41250 } });

      const closed = once(socket, "close") as Promise<[number, Buffer]>;
      socket.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: {} } }));
      const [code] = await closed;
      expect(code).toBe(4004);
    } finally {
      await server.close();
    }
  });
});
