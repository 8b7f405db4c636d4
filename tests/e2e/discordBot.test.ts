/**
 * End to end: the real discord.js client of the factdesk bot against the project's loopback
 * Discord server on 127.0.0.1. Every request the bot sends is validated against Discord's
 * OpenAPI description and the documented limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ButtonStyle,
  GatewayIntentBits,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  MessageType,
  RESTEvents,
  type APIEmbed,
  type APIMessage,
  type APIRequest,
} from "discord.js";
import type { SlashCommand } from "../../src/discord/slashCommand.ts";
import { commands } from "../../commands/index.ts";
import { newUser, startTestBot, type TestBot } from "../support/startTestBot.ts";
import { testFactdesk } from "../support/testFactdesk.ts";

const ARTICLE_SENTENCES = testFactdesk().store.sources[0]?.sentences.map((s) => s.text) ?? [];

/** The quoted sentences of an answer embed, as shown: `> sentence [n]` lines. */
function quotedSentences(embed: APIEmbed | undefined): string[] {
  return [...(embed?.description ?? "").matchAll(/^> (.*) \[\d+\]$/gm)].map((m) => m[1] ?? "");
}

function buttons(message: Pick<APIMessage, "components">) {
  return (message.components ?? []).flatMap((row) =>
    "components" in row ? row.components.filter((c) => c.type === ComponentType.Button) : [],
  );
}

/** A command that fails, to prove a handler error still gets the user a reply. */
const failing: SlashCommand = {
  data: { name: "explode", description: "Fails on purpose (test only)" },
  execute: () => Promise.reject(new Error("kaboom")),
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ cooldownSeconds: 30, commands: new Map([...commands, ["explode", failing]]) });
});
afterAll(async () => {
  await t?.stop();
});

describe("command registration", () => {
  it("registers the commands it routes (/ask, /city, /help, /sources, /timeline and this test's /explode) to each guild by bulk overwrite", () => {
    for (const guild of t.server.guilds) {
      expect(
        t.server
          .commands(guild.id)
          .map((c) => c.name)
          .sort(),
      ).toEqual(["ask", "city", "explode", "help", "sources", "timeline"]);
    }
    const puts = t.server.requests.filter((r) => r.method === "PUT" && r.path.includes("/commands"));
    expect(puts).toHaveLength(t.server.guilds.length);
    for (const put of puts) expect(put.validationErrors).toEqual([]);
  });
});

describe("/ask", () => {
  it("answers with the article's sentence quoted verbatim, numbered citations and related-question buttons", async () => {
    const handle = t.server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question: "who is leading the offensive?" },
      user: newUser(),
    });
    const message = await handle.waitForFinalMessage();
    const embed = message.embeds[0];
    expect(embed?.description).toContain("As reported by the Associated Press on 5 December 2024:");
    const quotes = quotedSentences(embed);
    expect(quotes[0]).toContain("led by the jihadi group Hayat Tahrir al-Sham");
    for (const quote of quotes) expect(ARTICLE_SENTENCES).toContain(quote);
    expect(embed?.fields?.[0]?.value).toMatch(
      /^\[1\] Associated Press, 5 December 2024, paragraph 8, sentence 10/,
    );
    expect(buttons(message).length).toBeGreaterThan(0);
    expect(message.flags ?? 0).not.toBe(MessageFlags.Ephemeral);
  });

  it("refuses what the article does not say, offering answerable questions as buttons", async () => {
    const handle = t.server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question: "what is the population of Hama?" },
      user: newUser(),
    });
    const message = await handle.waitForFinalMessage();
    expect(message.embeds[0]?.title).toBe("Not in the report");
    expect(message.embeds[0]?.description).toContain("The report does not say.");
    const offered = buttons(message);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((b) => "style" in b && b.style === ButtonStyle.Secondary)).toBe(true);
  });

  it("answers a suggestion button with that question's answer", async () => {
    const user = newUser();
    const refusal = await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "how tall is Bashar Assad" },
        user,
      })
      .waitForFinalMessage();
    const [first] = buttons(refusal);
    expect(first && "custom_id" in first).toBe(true);
    if (!first || !("custom_id" in first)) return;
    const clicked = t.server.sendInteraction({
      kind: "button",
      customId: first.custom_id,
      message: refusal.id,
      user: newUser(),
    });
    const answer = await clicked.waitForFinalMessage();
    expect(answer.embeds[0]?.author?.name).toBe(`❓ ${first.label}`);
    expect(quotedSentences(answer.embeds[0]).length).toBeGreaterThan(0);
  });

  it("answers a button from an older version politely, only to the clicker", async () => {
    const ask = await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "where is Hama" },
        user: newUser(),
      })
      .waitForFinalMessage();
    const handle = t.server.sendInteraction({
      kind: "button",
      customId: "factdesk:v0:something-old",
      message: ask.id,
      user: newUser(),
    });
    const callback = await handle.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.data?.content).toContain("older version");
    expect(Number(callback.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it("shows the answer only to the asker with hide, and names (without pinging) the member it is for", async () => {
    const target = newUser();
    const handle = t.server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question: "how far is Homs from Hama", hide: true, for: target.id },
      user: newUser(),
    });
    const callback = await handle.waitForResponse();
    expect(Number(callback.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(callback.data?.content).toBe(`For <@${target.id}>:`);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("tells a member asking too fast to wait, ephemerally, while others are answered", async () => {
    const user = newUser();
    await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "when did the offensive begin" },
        user,
      })
      .waitForFinalMessage();
    const again = await t.server
      .sendInteraction({ kind: "slash", name: "ask", options: { question: "who backs the SNA" }, user })
      .waitForResponse();
    expect(again.data?.content).toMatch(/try again in \d+ s/);
    expect(Number(again.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const other = await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "who backs the SNA" },
        user: newUser(),
      })
      .waitForFinalMessage();
    expect(quotedSentences(other.embeds[0])[0]).toContain("Turkish-backed");
  });

  it("defers an interaction that arrives late, then edits in the answer", async () => {
    const handle = t.server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question: "how many people have been displaced" },
      user: newUser(),
      ageMs: 2_200,
    });
    const callback = await handle.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const message = await handle.waitForFinalMessage();
    expect(quotedSentences(message.embeds[0])[0]).toContain(
      "Tens of thousands of people have been displaced",
    );
  });

  it("replies 'something went wrong' ephemerally when a handler fails, and logs it", async () => {
    const handle = t.server.sendInteraction({ kind: "slash", name: "explode", user: newUser() });
    const callback = await handle.waitForResponse();
    expect(callback.data?.content).toContain("Something went wrong");
    expect(Number(callback.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(t.logs.some((line) => line.includes('"interaction failed"') && line.includes("kaboom"))).toBe(
      true,
    );
  });
});

describe("/city", () => {
  it("autocompletes aliases and misspellings within Discord's limits", async () => {
    const handle = t.server.sendInteraction({
      kind: "autocomplete",
      name: "city",
      focused: "name",
      options: { name: "Hal" },
      user: newUser(),
    });
    const callback = await handle.waitForResponse();
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const choices =
      (callback.data as unknown as { choices?: Array<{ name: string; value: string }> }).choices ?? [];
    expect(choices.map((c) => c.value)).toContain("Aleppo");
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("resolves a transliteration and quotes what the article says about the place", async () => {
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "city", options: { name: "Ḥimṣ" }, user: newUser() })
      .waitForFinalMessage();
    expect(message.embeds[0]?.title).toBe("Homs (city)");
    expect(quotedSentences(message.embeds[0])).toContain(
      "Homs is about 40 kilometres (25 miles) south of Hama.",
    );
  });

  it("shows a locator map: a PNG uploaded with the reply, the embed's image, with alt text", async () => {
    // The bytes discord.js puts on the wire (the emulator records each file's name, type and
    // size), seen once Discord's response to the upload is back.
    const uploaded = new Promise<Array<{ name: string; data: Buffer }>>((resolve) => {
      const onResponse = (request: APIRequest) => {
        const files = (request.data.files ?? []).flatMap((f) =>
          Buffer.isBuffer(f.data) ? [{ name: f.name, data: f.data }] : [],
        );
        if (files.length === 0) return;
        t.bot.client.rest.off(RESTEvents.Response, onResponse);
        resolve(files);
      };
      t.bot.client.rest.on(RESTEvents.Response, onResponse);
    });
    const from = t.server.requests.length;
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "city", options: { name: "Homs" }, user: newUser() })
      .waitForFinalMessage();
    const sent = await uploaded;
    expect(message.embeds[0]?.title).toBe("Homs (city)");
    expect(message.attachments).toHaveLength(1);
    const [attachment] = message.attachments;
    expect(attachment?.filename).toMatch(/^map-[a-z0-9-]+\.png$/);
    expect(attachment?.content_type).toBe("image/png");
    expect(message.embeds[0]?.image?.url).toBe(`attachment://${attachment?.filename}`);

    const bytes = sent.find((f) => f.name === attachment?.filename)?.data;
    expect(bytes?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes?.length).toBe(attachment?.size);
    expect(attachment?.size).toBeLessThanOrEqual(10 * 1024 * 1024);

    // The upload: valid against Discord's OpenAPI description, its alt text naming the places shown.
    const upload = t.server.requests
      .slice(from)
      .find((r) => r.files.some((f) => f.filename === attachment?.filename));
    expect(upload?.validationErrors).toEqual([]);
    const body = upload?.body as
      | {
          data?: { attachments?: Array<{ description?: string }> };
          attachments?: Array<{ description?: string }>;
        }
      | undefined;
    const description = (body?.data?.attachments ?? body?.attachments)?.[0]?.description ?? "";
    expect(description).toMatch(/^Map: Homs, south of Hama\./);
    for (const name of ["Hama", "Aleppo", "Damascus", "Latakia"]) expect(description).toContain(name);
    expect(description.length).toBeLessThanOrEqual(1024);
  });

  it("lists the places the article covers for an unknown place", async () => {
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "city", options: { name: "Idlib" }, user: newUser() })
      .waitForFinalMessage();
    expect(message.embeds[0]?.title).toBe("Not a place the reports cover");
    for (const name of ["Hama", "Aleppo", "Homs", "Damascus", "Latakia"])
      expect(message.embeds[0]?.description).toContain(name);
  });
});

describe("/help, /sources and /timeline", () => {
  it("/help explains the commands, ephemerally", async () => {
    const callback = await t.server
      .sendInteraction({ kind: "slash", name: "help", user: newUser() })
      .waitForResponse();
    const description =
      (callback.data as { embeds?: APIEmbed[] } | undefined)?.embeds?.[0]?.description ?? "";
    for (const command of ["/ask", "/city", "/timeline", "/sources", "/help"])
      expect(description).toContain(command);
    expect(Number(callback.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it("/sources gives each report's metadata and how far it is curated", async () => {
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "sources", user: newUser() })
      .waitForFinalMessage();
    const text = JSON.stringify(message.embeds[0]);
    expect(text).toContain("Associated Press, 5 December 2024");
    expect(text).toMatch(/Curated: 25 of 25 sentences in curated facts, 25 with curated claims/);
  });

  it("/timeline lists the events in order, from 1982 to 5 December 2024, each cited", async () => {
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "timeline", user: newUser() })
      .waitForFinalMessage();
    const fields = message.embeds[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(testFactdesk().store.timeline.map((e) => e.when));
    expect(fields[0]?.name).toBe("1982");
    expect(fields.at(-1)?.name).toMatch(/5 December 2024/);
    for (const f of fields)
      expect(f.value).toMatch(/^> “.+” — Associated Press, 5 December 2024, paragraph \d+, sentence \d+$/m);
  });
});

describe("free-text questions", () => {
  it("answers a message that mentions the bot, as a reply that pings nobody", async () => {
    const said = t.server.sendMessage({
      content: "how far is hama from damascus?",
      mentionBot: true,
      author: newUser(),
    });
    const reply = await said.waitForReply();
    expect(reply.message_reference?.message_id).toBe(said.message.id);
    expect(quotedSentences(reply.embeds[0])[0]).toContain(
      "200 kilometres (125 miles) north of the capital, Damascus",
    );
    const request = t.server.requests.find(
      (r) =>
        r.method === "POST" &&
        r.path.endsWith("/messages") &&
        (r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id ===
          said.message.id,
    );
    expect((request?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
  });

  it("answers a DM", async () => {
    const reply = await t.server
      .sendMessage({ content: "wat happened in hamah", dm: true, author: newUser() })
      .waitForReply();
    expect(quotedSentences(reply.embeds[0])[0]).toContain("withdrawn from the central city of Hama");
  });

  it("ignores other bots and messages not addressed to it", async () => {
    await t.server
      .sendMessage({ content: "who leads the offensive", mentionBot: true, bot: true, author: newUser() })
      .expectNoReply(400);
    await t.server.sendMessage({ content: "who leads the offensive", author: newUser() }).expectNoReply(400);
  });

  it("still answers politely when the mention has no question", async () => {
    const reply = await t.server
      .sendMessage({ content: "", mentionBot: true, author: newUser() })
      .waitForReply();
    expect(reply.embeds[0]?.description).toContain("I answer questions about");
  });
});

describe("dispatches it cannot handle get a polite reply, never a crash", () => {
  const ephemeralNotice = async (input: Parameters<TestBot["server"]["sendInteraction"]>[0]) => {
    const callback = await t.server.sendInteraction(input).waitForResponse();
    expect(Number(callback.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const content = callback.data?.content;
    return typeof content === "string" ? content : "";
  };

  it("an unknown command", async () => {
    expect(await ephemeralNotice({ kind: "slash", name: "weather", user: newUser() })).toContain(
      "I don't know that command",
    );
  });

  it("a modal submit it never asked for", async () => {
    expect(
      await ephemeralNotice({ kind: "modalSubmit", customId: "form", fields: { a: "b" }, user: newUser() }),
    ).toContain("can't handle that");
  });

  it("a missing option", async () => {
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "ask", options: {}, user: newUser() })
      .waitForFinalMessage();
    expect(message.embeds[0]?.description).toContain("I answer questions about");
  });

  it("a wrongly typed option", async () => {
    const message = await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: [{ name: "question", type: 4, value: 1982 }],
        user: newUser(),
      })
      .waitForFinalMessage();
    expect(quotedSentences(message.embeds[0])[0]).toContain("1982 massacre");
  });

  it("an oversized question", async () => {
    const message = await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "why ".repeat(1500) },
        user: newUser(),
      })
      .waitForFinalMessage();
    expect(message.embeds[0]?.title).toBe("Question too long");
    expect(message.embeds[0]?.description).toContain("over 500 characters");
  });
});

describe("answer channels (Message Content intent)", () => {
  it("answers every message in a configured channel without a mention, and only there", async () => {
    const ASK_HERE = "1200000000000000001";
    const CHAT = "1200000000000000002";
    const channels = await startTestBot({
      server: {
        guilds: [
          {
            name: "Newsroom",
            channels: [
              { id: ASK_HERE, name: "ask-here" },
              { id: CHAT, name: "chat" },
            ],
          },
        ],
      },
      answerChannels: [ASK_HERE],
    });
    try {
      const reply = await channels.server
        .sendMessage({ content: "where is Homs?", channelId: ASK_HERE, author: newUser() })
        .waitForReply();
      expect(quotedSentences(reply.embeds[0])[0]).toContain("Homs");
      await channels.server
        .sendMessage({ content: "where is Homs?", channelId: CHAT, author: newUser() })
        .expectNoReply(400);
      // A member joining is a message too, in an answer channel as anywhere: no one asked anything.
      await channels.server
        .sendMessage({ content: "", channelId: ASK_HERE, author: newUser(), type: MessageType.UserJoin })
        .expectNoReply(400);
      // The privileged intent is asked for only because an answer channel is configured.
      expect(
        channels.server.sessions().every((x) => (x.intents & GatewayIntentBits.MessageContent) !== 0),
      ).toBe(true);
      expect(t.server.sessions().every((x) => (x.intents & GatewayIntentBits.MessageContent) === 0)).toBe(
        true,
      );
    } finally {
      await channels.stop();
    }
  });
});

describe("resilience", () => {
  it("resumes after the gateway drops and answers the next question", async () => {
    const resumed = new Promise((resolve) => t.server.once("resumed", resolve));
    t.server.dropConnections(4000);
    await resumed;
    const message = await t.server
      .sendInteraction({ kind: "slash", name: "ask", options: { question: "what is HTS" }, user: newUser() })
      .waitForFinalMessage();
    expect(quotedSentences(message.embeds[0])[0]).toContain("Hayat Tahrir al-Sham");
  });
});

describe("every request the bot sent", () => {
  it("is valid against Discord's OpenAPI description and documented limits", () => {
    const fromBot = t.server.requests.filter(
      (r) =>
        r.headers.authorization !== undefined ||
        r.path.includes("/interactions/") ||
        r.path.includes("/webhooks/"),
    );
    expect(fromBot.length).toBeGreaterThan(20);
    const invalid = fromBot
      .filter((r) => r.validationErrors.length > 0)
      .map((r) => `${r.method} ${r.path}: ${JSON.stringify(r.validationErrors)}`);
    expect(invalid).toEqual([]);
  });

  it("never carries the token into a log line", () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.some((line) => line.includes(t.server.token))).toBe(false);
  });
});
