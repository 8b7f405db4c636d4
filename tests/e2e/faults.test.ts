/**
 * Faults, end to end with the real discord.js client: gateway drops and silent heartbeats,
 * REST 429s, 500s and slow responses. The bot resumes or reconnects, retries where Discord
 * says to, logs a failure once, goes on answering others, and never shows its token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { APIEmbed } from "discord.js";
import { newUser, startTestBot, type TestBot } from "../support/startTestBot.ts";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.known-token.for-the-secrets-test-0123456789";

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ server: { token: TOKEN, heartbeatIntervalMs: 300 } });
});
afterAll(async () => {
  await t?.stop();
});

const firstQuote = (embed: APIEmbed | undefined) =>
  /^> (.*) \[1\]$/m.exec(embed?.description ?? "")?.[1] ?? "";

async function asks(question: string, expected: string) {
  const message = await t.server
    .sendInteraction({ kind: "slash", name: "ask", options: { question }, user: newUser() })
    .waitForFinalMessage({ timeoutMs: 10_000 });
  expect(firstQuote(message.embeds[0])).toContain(expected);
}

describe("gateway faults", () => {
  it.each([
    [4000, "resumed"],
    [1006, "resumed"],
    [1000, "ready"],
  ] as const)(
    "after a close with code %i the bot comes back (%s) and answers the next question",
    async (code, event) => {
      const back = new Promise((resolve) => t.server.once(event, resolve));
      t.server.dropConnections(code);
      await back;
      await asks("how far is Homs from Hama", "40 kilometres");
    },
  );

  it("when heartbeats stop being acknowledged, the bot reconnects and answers", async () => {
    const back = new Promise((resolve) => {
      t.server.once("resumed", resolve);
      t.server.once("ready", resolve);
    });
    t.server.setHeartbeatAck(false);
    await back;
    t.server.setHeartbeatAck(true);
    await asks("who backs the SNA", "Turkish-backed");
  });
});

describe("REST faults", () => {
  it("a 429 on the interaction callback is waited out as Discord asks, then answered; logged once", async () => {
    const fault = t.server.injectRestFault({
      method: "POST",
      pathPattern: /\/interactions\/\d+\/[^/]+\/callback/,
      status: 429,
      retryAfterSeconds: 0.3,
      times: 1,
    });
    const before = t.logs.filter((l) => l.includes("rate limited")).length;
    await asks("what is the capital of Syria", "Damascus");
    expect(fault.hits).toBe(1);
    expect(t.logs.filter((l) => l.includes("rate limited")).length - before).toBe(1);
  });

  it("a 500 on a message reply is retried and the reply arrives", async () => {
    const fault = t.server.injectRestFault({
      method: "POST",
      pathPattern: /\/channels\/\d+\/messages$/,
      status: 500,
      times: 1,
    });
    const reply = await t.server
      .sendMessage({ content: "when did the offensive begin?", mentionBot: true, author: newUser() })
      .waitForReply({ timeoutMs: 10_000 });
    expect(fault.hits).toBe(1);
    expect(firstQuote(reply.embeds[0])).toContain("November 27");
  });

  it("a 502 after Discord created the reply is retried with the same nonce: the channel gets one reply", async () => {
    const fault = t.server.injectRestFault({
      method: "POST",
      pathPattern: /\/channels\/\d+\/messages$/,
      status: 502,
      afterRoute: true,
      times: 1,
    });
    const asked = t.server.sendMessage({
      content: "how far is Homs from Hama?",
      mentionBot: true,
      author: newUser(),
    });
    const reply = await asked.waitForReply({ timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 1_000)); // time for a second post, were there one
    expect(fault.hits).toBe(1);
    expect(asked.replies()).toHaveLength(1);
    expect(firstQuote(reply.embeds[0])).toContain("40 kilometres");
  });

  it("a burst of 5xx is waited out with backoff: the question asked during it is answered after it", async () => {
    const fault = t.server.injectRestFault({
      method: "POST",
      pathPattern: /\/channels\/\d+\/messages$/,
      status: 503,
      times: Infinity,
    });
    const asked = t.server.sendMessage({
      content: "who leads the offensive?",
      mentionBot: true,
      author: newUser(),
    });
    await new Promise((r) => setTimeout(r, 1_500));
    t.server.clearRestFaults();
    const reply = await asked.waitForReply({ timeoutMs: 10_000 });
    expect(fault.hits).toBeGreaterThan(1);
    expect(fault.hits).toBeLessThan(10); // backoff, not a tight loop
    expect(asked.replies()).toHaveLength(1);
    expect(firstQuote(reply.embeds[0])).toContain("Hayat Tahrir al-Sham");
  });

  it("the same message dispatched twice is answered once", async () => {
    const asked = t.server.sendMessage({ content: "where is Latakia?", mentionBot: true, author: newUser() });
    await asked.waitForReply({ timeoutMs: 10_000 });
    t.server.dispatchMessageAgain(asked.message.id);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(asked.replies()).toHaveLength(1);
  });

  it("a reply that keeps failing is logged once, and other members are still answered", async () => {
    const guild = t.server.guilds[0]!;
    const fault = t.server.injectRestFault({
      method: "POST",
      pathPattern: new RegExp(`/channels/${guild.textChannelId}/messages$`),
      status: 500,
      times: Infinity,
    });
    const before = t.logs.filter((l) => l.includes('"message reply failed"')).length;
    const failing = t.server.sendMessage({
      content: "where is Hama?",
      mentionBot: true,
      guildId: guild.id,
      author: newUser(),
    });
    const other = t.server.sendMessage({
      content: "where is Hama?",
      mentionBot: true,
      dm: true,
      author: newUser(),
    });
    expect(firstQuote((await other.waitForReply({ timeoutMs: 10_000 })).embeds[0])).toContain("Hama");
    await failing.delivered;
    const deadline = Date.now() + 15_000;
    while (
      t.logs.filter((l) => l.includes('"message reply failed"')).length === before &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 50));
    t.server.clearRestFaults();
    expect(fault.hits).toBeGreaterThan(1);
    expect(t.logs.filter((l) => l.includes('"message reply failed"')).length - before).toBe(1);
  }, 30_000);

  it("a slow reply in one channel does not hold up answers elsewhere", async () => {
    const guild = t.server.guilds[0]!;
    t.server.injectRestFault({
      method: "POST",
      pathPattern: new RegExp(`/channels/${guild.textChannelId}/messages$`),
      delayMs: 1_500,
      times: 1,
    });
    const slow = t.server.sendMessage({
      content: "who is HTS?",
      mentionBot: true,
      guildId: guild.id,
      author: newUser(),
    });
    const started = Date.now();
    const fast = await t.server
      .sendMessage({ content: "who is HTS?", mentionBot: true, dm: true, author: newUser() })
      .waitForReply();
    expect(Date.now() - started).toBeLessThan(1_000);
    const slowReply = await slow.waitForReply({ timeoutMs: 10_000 });
    expect(firstQuote(slowReply.embeds[0])).toBe(firstQuote(fast.embeds[0]));
  });

  it("a slow interaction callback still lands within Discord's limits", async () => {
    t.server.injectRestFault({
      method: "POST",
      pathPattern: /\/interactions\/\d+\/[^/]+\/callback/,
      delayMs: 800,
      times: 1,
    });
    await asks("where did the army redeploy", "took positions outside the city");
  });
});

describe("the cooldown under a burst", () => {
  it("holds for one member sending many questions while others are answered", async () => {
    const burst = await startTestBot({ cooldownSeconds: 30 });
    try {
      const spammer = newUser();
      const handles = Array.from({ length: 12 }, () =>
        burst.server.sendInteraction({
          kind: "slash",
          name: "ask",
          options: { question: "who leads the offensive" },
          user: spammer,
        }),
      );
      const others = Array.from({ length: 5 }, () =>
        burst.server.sendInteraction({
          kind: "slash",
          name: "ask",
          options: { question: "who leads the offensive" },
          user: newUser(),
        }),
      );
      const spamReplies = await Promise.all(handles.map((h) => h.waitForResponse()));
      const answered = spamReplies.filter(
        (r) => Array.isArray(r.data?.embeds) && (r.data?.embeds as unknown[]).length > 0,
      );
      const toldToWait = spamReplies.filter((r) =>
        /try again in \d+ s/.test(typeof r.data?.content === "string" ? r.data.content : ""),
      );
      expect(answered).toHaveLength(1);
      expect(toldToWait).toHaveLength(11);
      for (const h of others) expect(((await h.waitForResponse()).data?.embeds as unknown[]).length).toBe(1);
    } finally {
      await burst.stop();
    }
  });
});

describe("secrets", () => {
  it("the token appears in no log line, no reply and no request the bot sent", () => {
    expect(t.logs.length).toBeGreaterThan(10);
    expect(t.logs.filter((l) => l.includes(TOKEN))).toEqual([]);
    expect(t.logs.some((l) => l.includes('"level":50'))).toBe(true); // the error paths above did log
    const replies = t.server.botMessages().map((m) => JSON.stringify(m));
    expect(replies.length).toBeGreaterThan(5);
    expect(replies.filter((r) => r.includes(TOKEN))).toEqual([]);
    expect(t.server.requests.filter((r) => JSON.stringify(r.body ?? "").includes(TOKEN))).toEqual([]);
  });
});
