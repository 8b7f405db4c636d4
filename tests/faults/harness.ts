/**
 * Runs one row of the fault suite: the real bot (discord.js over real HTTP and WebSocket) on
 * its own emulator, a body that asks questions around a fault, then a check that the client is
 * still up and answering, a settle, and the counts. Questions come in a mix of every way a
 * member asks: /ask and /city in servers and DMs, hidden, for a member, a suggestion's button,
 * mentions in both servers and DMs.
 */
import { DefaultRestOptions } from "discord.js";
import type { InteractionHandle, LoopbackDiscordOptions, MessageHandle } from "@factdesk/loopback-discord";
import { askButtonId } from "../../src/discord/buttonIds.ts";
import { CHANNEL_MESSAGE_DEADLINE_MS } from "../../src/discord/respond.ts";
import { newUser, startTestBot, type TestBot } from "../support/startTestBot.ts";
import { testFactdesk } from "../support/testFactdesk.ts";
import { Ledger, type FaultRow } from "./ledger.ts";

export interface RowOptions {
  /** Fewer inputs, for CI. */
  short: boolean;
}

export interface RowContext extends RowOptions {
  t: TestBot;
  ledger: Ledger;
}

/** A row of the table: its name and how to run it. */
export interface FaultCase {
  fault: string;
  /** Mostly waiting (slow responses): runs alongside the other rows instead of after them. */
  alongside?: boolean;
  run(options: RowOptions): Promise<FaultRow>;
}

/** How long discord.js waits for a REST response before aborting (the bot keeps the default). */
export const REST_TIMEOUT_MS = DefaultRestOptions.timeout;

/** Rows whose body is running, for crashes the process sees (an unhandled rejection). */
export const runningLedgers = new Set<Ledger>();

const QUESTIONS = [
  "how far is Homs from Hama?",
  "who is leading the offensive?",
  "who backs the SNA?",
  "what is the capital of Syria?",
  "when did the offensive begin?",
  "where did the army redeploy?",
  "did assad flee the country?",
  "what happened in Hama?",
  "who holds Aleppo now?",
  "why is Hama important?",
  "how many people fled?",
  "what is HTS?",
];
const PLACES = ["Hama", "halab", "Hims", "Dimashq", "Lattakia", "Idlib", "Ḥamāh", "nowhere-ville"];

let counter = 0;
const next = <T>(list: readonly T[]): T => list[counter++ % list.length]!;
let kinds = 0;

/**
 * Asks `n` questions, each a different way: slash commands in either server or a DM (some
 * hidden, some for a member), buttons, mentions in either server, DMs.
 */
export function askMixed(ledger: Ledger, n: number): (InteractionHandle | MessageHandle)[] {
  const { server } = ledger;
  const [first, second] = server.guilds;
  const facts = testFactdesk().store.facts;
  const asked: (InteractionHandle | MessageHandle)[] = [];
  for (let i = 0; i < n; i++) {
    const user = newUser();
    const question = next(QUESTIONS);
    switch (kinds++ % 9) {
      case 0:
        asked.push(ledger.interaction({ kind: "slash", name: "ask", options: { question }, user }));
        break;
      case 1:
        asked.push(ledger.message({ content: question, mentionBot: true, author: user }));
        break;
      case 2:
        asked.push(ledger.interaction({ kind: "slash", name: "ask", options: { question }, user, dm: true }));
        break;
      case 3:
        asked.push(ledger.message({ content: question, dm: true, author: user }));
        break;
      case 4:
        asked.push(
          ledger.interaction({
            kind: "slash",
            name: "city",
            options: { name: next(PLACES) },
            user,
            guildId: second!.id,
          }),
        );
        break;
      case 5:
        asked.push(
          ledger.message({ content: question, mentionBot: true, author: user, guildId: second!.id }),
        );
        break;
      case 6:
        asked.push(
          ledger.interaction({
            kind: "slash",
            name: "ask",
            options: { question, hide: true },
            user,
            guildId: second!.id,
          }),
        );
        break;
      case 7:
        asked.push(
          ledger.interaction({
            kind: "button",
            customId: askButtonId(next(facts).id),
            user,
            guildId: first!.id,
          }),
        );
        break;
      default:
        asked.push(
          ledger.interaction({ kind: "slash", name: "ask", options: { question, for: newUser().id }, user }),
        );
    }
  }
  return asked;
}

/**
 * Runs a row against a fresh emulator and bot: the body, then (the client must still answer)
 * one /ask and one mention, then waits for every reply and a quiet second, then counts.
 * A body that throws — the bot never came back, a reply never came — counts as a crash.
 */
export async function runRow(
  fault: string,
  options: RowOptions,
  body: (context: RowContext) => Promise<void>,
  setup: { server?: LoopbackDiscordOptions; replyWaitMs?: number } = {},
): Promise<FaultRow> {
  const started = Date.now();
  const t = await startTestBot({
    server: { heartbeatIntervalMs: 300, ...setup.server },
    // The product's own deadline for a reply to a message, not the tests' short one.
    channelReplyDeadlineMs: CHANNEL_MESSAGE_DEADLINE_MS,
  });
  const ledger = new Ledger(t.server);
  runningLedgers.add(ledger);
  try {
    try {
      await body({ ...options, t, ledger });
      await t.server.waitForShardReady(0, { timeoutMs: 15_000 });
      if (!t.bot.client.isReady()) ledger.crash("the client is not ready after the fault");
      askCanary(ledger);
    } catch (error) {
      ledger.crash(`the row stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
    await ledger.waitForReplies(setup.replyWaitMs ?? 30_000);
    await ledger.settle();
  } finally {
    runningLedgers.delete(ledger);
    await t.stop();
  }
  const counts = ledger.count(t.logs);
  return {
    fault,
    ...counts,
    problems: ledger.problems,
    notes: ledger.notes,
    observations: ledger.observations,
    ms: Date.now() - started,
  };
}

/** After the fault: the bot still answers a command and a mention. */
function askCanary(ledger: Ledger): void {
  ledger.interaction({
    kind: "slash",
    name: "ask",
    options: { question: "who leads the offensive?" },
    user: newUser(),
  });
  ledger.message({ content: "where is Latakia?", mentionBot: true, author: newUser() });
}

/** Resolves when the server emits one of `events`, or rejects after `timeoutMs`. */
export function nextEvent(
  server: TestBot["server"],
  events: ("ready" | "resumed" | "identify" | "disconnect")[],
  timeoutMs = 15_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const listeners = events.map((event) => {
      const listener = () => {
        cleanup();
        resolve(event);
      };
      server.once(event, listener);
      return [event, listener] as const;
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`none of ${events.join(", ")} within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      for (const [event, listener] of listeners) server.off(event, listener);
    };
  });
}
