/**
 * REST faults on every route the bot answers by: interaction callbacks, webhook edits of a
 * deferred reply, and channel messages (mentions and DMs). 429 bursts (route and global),
 * 2-second bursts of 5xx, responses slower than discord.js's REST timeout (15 s), connection
 * resets before and after the request took effect, and a message dispatched twice.
 */
import { REST_TIMEOUT_MS, askMixed, nextEvent, runRow, type FaultCase, type RowContext } from "./harness.ts";
import { sleep } from "./ledger.ts";
import { newUser } from "../support/startTestBot.ts";

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;
const WEBHOOK_EDIT = /^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/;

const rounds = (short: boolean) => (short ? 1 : 3);

/**
 * /ask arriving `ageMs` after it was sent (gateway lag; 2.2 s by default): the bot first defers
 * (within what is left of Discord's 3 s), then edits its reply through the webhook route, which
 * the faults then hit too.
 */
function askLate(context: RowContext, n: number, ageMs = 2_200) {
  return Array.from({ length: n }, (_, i) =>
    context.ledger.interaction(
      {
        kind: "slash",
        name: "ask",
        options: { question: "who is leading the offensive?" },
        user: newUser(),
        ageMs,
        ...(i % 2 === 1 ? { dm: true } : {}),
      },
      `/ask arriving ${ageMs / 1000} s late${i % 2 === 1 ? " in a DM" : ""}`,
    ),
  );
}

const rateLimits: FaultCase = {
  fault: "REST 429 bursts",
  run: (options) =>
    runRow("REST 429 bursts", options, async (context) => {
      const { t, ledger, short } = context;
      for (let i = 0; i < rounds(short); i++) {
        ledger.fault({
          method: "POST",
          pathPattern: CHANNEL_MESSAGES,
          status: 429,
          retryAfterSeconds: 0.4,
          times: 4,
        });
        ledger.fault({
          method: "POST",
          pathPattern: CHANNEL_MESSAGES,
          status: 429,
          retryAfterSeconds: 0.3,
          global: true,
          times: 1,
        });
        ledger.fault({
          method: "POST",
          pathPattern: CALLBACK,
          status: 429,
          retryAfterSeconds: 0.25,
          times: 4,
        });
        ledger.fault({
          method: "PATCH",
          pathPattern: WEBHOOK_EDIT,
          status: 429,
          retryAfterSeconds: 0.3,
          times: 2,
        });
        askLate(context, 2); // their deferrals take the first callback 429s
        askMixed(ledger, short ? 10 : 18);
        await ledger.waitForReplies(10_000);
        t.server.clearRestFaults();
      }
    }),
};

const serverErrors: FaultCase = {
  fault: "REST 5xx bursts (2 s)",
  run: (options) =>
    runRow("REST 5xx bursts (2 s)", options, async (context) => {
      const { t, ledger, short } = context;
      for (let i = 0; i < rounds(short); i++) {
        // Deferred just before the burst (their callbacks spared), edited during it.
        const deferred = askLate(context, 2);
        for (const handle of deferred)
          ledger.fault({
            method: "PATCH",
            pathPattern: new RegExp(`^/webhooks/\\d+/${handle.token}/messages/`),
            status: 502,
            times: Infinity,
          });
        const spared = deferred.map((handle) => handle.id).join("|");
        ledger.fault({
          method: "POST",
          pathPattern: new RegExp(`^/interactions/(?!(?:${spared})/)\\d+/[^/]+/callback$`),
          status: 500,
          times: Infinity,
        });
        ledger.fault({
          method: "POST",
          pathPattern: CHANNEL_MESSAGES,
          status: 503,
          times: Infinity,
        });
        // Asked at the start of 2 s of 5xx: Discord's 3 s for the first response outlast it.
        askMixed(ledger, short ? 6 : 9);
        await sleep(1_000);
        askMixed(ledger, short ? 6 : 9);
        await sleep(800);
        // 2.05 s old on arrival, 1.8 s into the burst: the deferral fails until the burst ends,
        // 0.2 s later, with 0.95 s left to acknowledge.
        askLate(context, 2, 2_050);
        await sleep(200);
        t.server.clearRestFaults();
        askMixed(ledger, short ? 4 : 9);
        await ledger.waitForReplies(15_000);
      }
    }),
};

/**
 * Each slowed reply is the only request its channel or interaction makes, so one slow answer
 * holds up nothing else: DMs (a channel each), the two servers' channels, and deferred /ask
 * edits. Answered after discord.js gives up on the request and the bot retries; the slow first
 * request lands afterwards and must not post a second message.
 */
const slowResponses: FaultCase = {
  fault: `slow responses (> ${REST_TIMEOUT_MS / 1000} s REST timeout)`,
  alongside: true,
  run: (options) =>
    runRow(
      `slow responses (> ${REST_TIMEOUT_MS / 1000} s REST timeout)`,
      options,
      async (context) => {
        const { t, ledger, short } = context;
        const slowMs = t.bot.client.rest.options.timeout + 1_500;
        const slowChannel = (channelId: string) =>
          ledger.fault({
            method: "POST",
            pathPattern: new RegExp(`^/channels/${channelId}/messages$`),
            delayMs: slowMs,
            times: 1,
          });
        for (let i = 0; i < (short ? 3 : 8); i++) {
          const asked = ledger.message({ content: "who backs the SNA?", dm: true, author: newUser() });
          slowChannel(asked.message.channel_id);
        }
        for (const guild of t.server.guilds) {
          const asked = ledger.message({
            content: "what is the capital of Syria?",
            mentionBot: true,
            guildId: guild.id,
            author: newUser(),
          });
          slowChannel(asked.message.channel_id);
        }
        for (const handle of askLate(context, short ? 2 : 6))
          ledger.fault({
            method: "PATCH",
            // discord.js sends `@original` URL-encoded.
            pathPattern: new RegExp(`^/webhooks/\\d+/${handle.token}/messages/(?:@|%40)original$`),
            delayMs: slowMs,
            times: 1,
          });
        // Others meanwhile (in the servers' channels they queue behind the slow reply).
        askMixed(ledger, short ? 6 : 18);
        await ledger.waitForReplies(slowMs + 10_000);
      },
      { replyWaitMs: 2 * REST_TIMEOUT_MS },
    ),
};

const resets: FaultCase = {
  fault: "connection reset (REST)",
  run: (options) =>
    runRow("connection reset (REST)", options, async (context) => {
      const { t, ledger, short } = context;
      for (let i = 0; i < rounds(short); i++) {
        for (const [method, pathPattern] of [
          ["POST", CALLBACK],
          ["POST", CHANNEL_MESSAGES],
          ["PATCH", WEBHOOK_EDIT],
        ] as const) {
          // In turn before the route (nothing happened) and after it (done; the response is lost).
          for (let j = 0; j < 2; j++) {
            ledger.fault({ method, pathPattern, reset: true, times: 1 });
            ledger.fault({ method, pathPattern, reset: true, afterRoute: true, times: 1 });
          }
        }
        askLate(context, 2); // their deferrals take the first resets of the callback route
        askMixed(ledger, short ? 10 : 18);
        await ledger.waitForReplies(10_000);
        t.server.clearRestFaults();
      }
    }),
};

const dispatchedTwice: FaultCase = {
  fault: "a message dispatched twice",
  run: (options) =>
    runRow("a message dispatched twice", options, async ({ t, ledger, short }) => {
      const [first, second] = t.server.guilds;
      for (let i = 0; i < rounds(short); i++) {
        // Again after it was answered.
        const answered = ledger.message({
          content: "where is Latakia?",
          mentionBot: true,
          author: newUser(),
        });
        await answered.waitForReply({ timeoutMs: 10_000 });
        t.server.dispatchMessageAgain(answered.id);
        // Again at once, while the first is being answered.
        const atOnce = ledger.message({ content: "who is HTS?", dm: true, author: newUser() });
        t.server.dispatchMessageAgain(atOnce.id);
        // Again while the reply is retried after a 502 that came after Discord created it.
        ledger.fault({
          method: "POST",
          pathPattern: new RegExp(`^/channels/${second!.textChannelId}/messages$`),
          status: 502,
          afterRoute: true,
          times: 1,
        });
        const retried = ledger.message({
          content: "when did the offensive begin?",
          mentionBot: true,
          guildId: second!.id,
          author: newUser(),
        });
        await sleep(100);
        t.server.dispatchMessageAgain(retried.id);
        // Again after a resume, as Discord may replay it.
        const replayed = ledger.message({
          content: "how far is Homs from Hama?",
          mentionBot: true,
          guildId: first!.id,
          author: newUser(),
        });
        await replayed.waitForReply({ timeoutMs: 10_000 });
        const back = nextEvent(t.server, ["resumed", "ready"]);
        t.server.dropConnections(4000);
        await back;
        t.server.dispatchMessageAgain(replayed.id);
        t.server.dispatchMessageAgain(replayed.id);
        await ledger.waitForReplies(10_000);
      }
    }),
};

export const restCases: FaultCase[] = [rateLimits, serverErrors, slowResponses, resets, dispatchedTwice];
